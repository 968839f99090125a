import { Agent, type ClientRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import httpProxy from 'http-proxy';
import { ByteLimit } from './body-limit.js';

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

interface PendingForward {
  onProxyRequest(proxyRequest: ClientRequest): void;
  onProxyResponse(proxyResponse: IncomingMessage): void;
}

/**
 * Streams requests to one upstream service with http-proxy and streams the response back. The
 * body is never parsed: its bytes pass through a ByteLimit counter unchanged.
 */
export class ProxyForwarder {
  private readonly proxy: httpProxy;
  private readonly agent: Agent;
  private readonly pending = new WeakMap<IncomingMessage, PendingForward>();

  constructor(
    readonly target: string,
    private readonly bodyLimitBytes: number,
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
        const status = proxyResponse.statusCode ?? 0;
        finish(
          UNHEALTHY_STATUSES.has(status)
            ? new UpstreamError(`Upstream responded with ${status}`, 'unhealthy-status', true)
            : 'responded',
        );
      },
    });

    request.pipe(body);
    this.proxy.web(request, response, { buffer: body }, (error: Error) => {
      if (stopped) return;
      finish(
        new UpstreamError(error.message, 'connection', response.headersSent, { cause: error }),
      );
    });

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
