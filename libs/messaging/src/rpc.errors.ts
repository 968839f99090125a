/** Base class of the errors RpcClient.call raises. */
export class RpcError extends Error {
  constructor(
    message: string,
    readonly pattern: string,
  ) {
    super(message);
  }
}

/** Raised when the call's deadline passed without a reply. Callers respond with 503 and a Retry-After of `retryAfterSeconds`. */
export class RpcTimeoutError extends RpcError {
  override name = 'RpcTimeoutError';

  constructor(
    pattern: string,
    readonly timeoutMs: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`RPC ${pattern} timed out after ${timeoutMs} ms`, pattern);
  }
}

/**
 * Raised when the target cannot take the call because its circuit breaker is open, the broker is not
 * connected or no server is bound to the pattern. Callers respond with 503 and a Retry-After of `retryAfterSeconds`.
 */
export class RpcUnavailableError extends RpcError {
  override name = 'RpcUnavailableError';

  constructor(
    pattern: string,
    readonly reason: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`RPC ${pattern} is unavailable: ${reason}`, pattern);
  }
}

/** Raised when the server handled the call and replied with an error code. */
export class RpcRemoteError extends RpcError {
  override name = 'RpcRemoteError';

  constructor(
    pattern: string,
    readonly code: string,
    readonly remoteMessage: string,
  ) {
    super(`RPC ${pattern} failed with ${code}: ${remoteMessage}`, pattern);
  }
}
