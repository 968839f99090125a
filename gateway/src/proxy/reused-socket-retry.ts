import type { IncomingHttpHeaders } from 'node:http';

/**
 * Methods the gateway sends once more after a reset of a reused connection. RFC 9110 section
 * 9.2.2 defines them as idempotent, so a request the upstream may already have handled can be
 * repeated.
 */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Errors of a request on a kept-alive socket that the upstream closed while it was idle. Node
 * reports "socket hang up" with the code ECONNRESET.
 */
const STALE_SOCKET_ERROR_CODES = new Set(['ECONNRESET', 'EPIPE']);

/** An upstream request that failed before the gateway responded to the client. */
export interface FailedUpstreamRequest {
  method: string | undefined;
  /** Headers of the client's request, which frame its body. */
  headers: IncomingHttpHeaders;
  /** `ClientRequest.reusedSocket`: the agent sent the request on a kept-alive socket. */
  reusedSocket: boolean;
  /** Whether the upstream's response headers had arrived before the error. */
  responseArrived: boolean;
  error: NodeJS.ErrnoException;
}

/**
 * Returns whether a failed upstream request may be sent again on a new connection, as Node's
 * documentation of `request.reusedSocket` recommends. This holds for an idempotent request
 * without a body whose reused socket was reset before any response header arrived. A request
 * with a body is never repeated, because its streamed bytes are gone.
 */
export function canRetryOnNewConnection(failed: FailedUpstreamRequest): boolean {
  if (!failed.reusedSocket || failed.responseArrived) return false;
  if (!STALE_SOCKET_ERROR_CODES.has(failed.error.code ?? '')) return false;
  if (!IDEMPOTENT_METHODS.has(failed.method ?? '')) return false;
  return hasEmptyBody(failed.headers);
}

/**
 * Returns whether the headers frame an empty body: HTTP/1.1 (RFC 9112 section 6.3) gives a
 * request without Transfer-Encoding and Content-Length a body of length 0.
 */
function hasEmptyBody(headers: IncomingHttpHeaders): boolean {
  if (headers['transfer-encoding'] !== undefined) return false;
  const contentLength = headers['content-length'];
  return contentLength === undefined || Number(contentLength) === 0;
}
