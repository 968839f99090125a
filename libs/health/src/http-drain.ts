import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Tracks the responses in flight on an HTTP server so that a shutdown can close every keep-alive
 * connection once its current response is sent, and wait for the last one.
 */
export class HttpDrain {
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;

  constructor(private readonly server: Server) {
    // Prepended, so that the header is set before the application writes the response.
    server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) =>
      this.track(response),
    );
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Sends `Connection: close` on every response from now on, those in flight included. */
  startDraining(): void {
    this.draining = true;
    for (const response of this.inFlight) {
      closeConnectionAfter(response);
    }
  }

  /**
   * Stops accepting connections, closes the idle keep-alive ones and resolves once the
   * connections that still carry a request have closed after their response.
   */
  async closeServer(): Promise<void> {
    if (!this.server.listening) {
      return;
    }

    const closed = new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
    });
    this.server.closeIdleConnections();
    await closed;
  }

  private track(response: ServerResponse): void {
    if (this.draining) {
      closeConnectionAfter(response);
    }

    this.inFlight.add(response);
    response.once('close', () => this.inFlight.delete(response));
  }
}

function closeConnectionAfter(response: ServerResponse): void {
  if (!response.headersSent) {
    response.setHeader('Connection', 'close');
  }
}
