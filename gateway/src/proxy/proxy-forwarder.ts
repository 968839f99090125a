import { Agent, type ClientRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Readable } from 'node:stream';
import httpProxy from 'http-proxy';
import { ByteLimit } from './body-limit.js';
import { canRetryOnNewConnection } from './reused-socket-retry.js';

/** Outcome of a forwarded request whose upstream service did not fail. */
export type ForwardOutcome = 'responded' | 'payload-too-large' | 'client-closed';

/** Statuses an unhealthy upstream responds with; they count as failures for the breaker. */
const UNHEALTHY_STATUSES = new Set([502, 503, 504]);

/** A failure of the upstream service: it could not be reached, or it reported itself unhealthy. */
export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly reason: 'connection' | 'unhealthy-status' | 'aborted',
    /** Whether the client response had already started, so no error body can be sent. */
    readonly responseStarted: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UpstreamError';
  }
}

/** One forwarded request: `result` settles once the upstream response headers have arrived. */
export interface ForwardHandle {
  result: Promise<ForwardOutcome>;
  /** Stops the upstream request, for a caller that gave up waiting (a timeout). */
  abort(): void;
}

export interface ProxyForwarderOptions {
  /** Called when a request is sent again on a new connection after its reused socket failed. */
  onRetry?(error: Error): void;
}

interface PendingForward {
  onProxyRequest(proxyRequest: ClientRequest): void;
  onProxyResponse(proxyResponse: IncomingMessage): void;
}

/**
 * Streams requests to one upstream service with http-proxy and streams the response back. The
 * body is never parsed: its bytes pass through a ByteLimit counter unchanged. An idempotent
 * request without a body whose kept-alive socket the upstream reset is sent once more on a new
 * connection (see canRetryOnNewConnection).
 */
export class ProxyForwarder {
  private readonly proxy: httpProxy;
  private readonly agent: Agent;
  private readonly pending = new WeakMap<IncomingMessage, PendingForward>();

  constructor(
    readonly target: string,
    private readonly bodyLimitBytes: number,
    private readonly options: ProxyForwarderOptions = {},
  ) {
    this.agent = target.startsWith('https:')
      ? new HttpsAgent({ keepAlive: true })
      : new Agent({ keepAlive: true });
    this.proxy = httpProxy.createProxyServer({
      target,
      changeOrigin: true,
      xfwd: false,
      agent: this.agent,
    });
    this.proxy.on('proxyReq', (proxyRequest, request) =>
      this.pending.get(request)?.onProxyRequest(proxyRequest),
    );
    this.proxy.on('proxyRes', (proxyResponse, request) =>
      this.pending.get(request)?.onProxyResponse(proxyResponse),
    );
  }

  forward(request: IncomingMessage, response: ServerResponse): ForwardHandle {
    let proxyRequest: ClientRequest | undefined;
    let responseArrived = false;
    let attempt = 0;
    let stopped = false;
    let settled = false;
    let resolveResult!: (outcome: ForwardOutcome) => void;
    let rejectResult!: (error: UpstreamError) => void;
    const result = new Promise<ForwardOutcome>((resolve, reject) => {
      resolveResult = resolve;
      rejectResult = reject;
    });

    const finish = (outcome: ForwardOutcome | UpstreamError) => {
      if (settled) return;
      settled = true;
      this.pending.delete(request);
      if (outcome instanceof UpstreamError) rejectResult(outcome);
      else resolveResult(outcome);
    };
    const stopUpstream = () => {
      stopped = true;
      proxyRequest?.destroy();
    };

    const body = new ByteLimit(this.bodyLimitBytes);
    body.once('error', () => {
      stopUpstream();
      finish('payload-too-large');
    });
    response.once('close', () => {
      if (!response.writableFinished) {
        stopUpstream();
        finish('client-closed');
      }
    });

    this.pending.set(request, {
      onProxyRequest: (created) => {
        proxyRequest = created;
        if (stopped) created.destroy();
      },
      onProxyResponse: (proxyResponse) => {
        responseArrived = true;
        const status = proxyResponse.statusCode ?? 0;
        finish(
          UNHEALTHY_STATUSES.has(status)
            ? new UpstreamError(`Upstream responded with ${status}`, 'unhealthy-status', true)
            : 'responded',
        );
      },
    });

    const send = (options: httpProxy.ServerOptions) => {
      const current = ++attempt;
      this.proxy.web(request, response, options, (error: Error) => {
        // An error of the incoming request reaches the handlers of every attempt.
        if (stopped || current !== attempt) return;

        const retriable =
          current === 1 &&
          canRetryOnNewConnection({
            method: request.method,
            headers: request.headers,
            reusedSocket: proxyRequest?.reusedSocket ?? false,
            responseArrived,
            error,
          });
        if (retriable) {
          this.options.onRetry?.(error);
          // The body of the first attempt is consumed, and it was empty. Without an agent,
          // http-proxy opens a connection of its own and sends Connection: close.
          send({ buffer: Readable.from([]), agent: false });
          return;
        }

        finish(
          new UpstreamError(error.message, 'connection', response.headersSent, { cause: error }),
        );
      });
    };

    request.pipe(body);
    send({ buffer: body });

    return {
      result,
      abort: () => {
        stopUpstream();
        finish(new UpstreamError('Upstream request aborted', 'aborted', response.headersSent));
      },
    };
  }

  close(): void {
    this.proxy.close();
    this.agent.destroy();
  }
}
