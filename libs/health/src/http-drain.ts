import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

/**
 * Time a connection must have carried no request before a shutdown closes it. A connection
 * just opened, or a kept-alive one whose client is sending its next request, is then not cut
 * while that request is on its way.
 */
const IDLE_GRACE_MS = 250;
/** Pause between two sweeps for idle connections while the server closes. */
const IDLE_SWEEP_MS = 50;

interface ConnectionState {
  responses: number;
  idleSince: number;
}

/**
 * Tracks the connections and responses of an HTTP server so that a shutdown can close every
 * keep-alive connection once its current response is sent, and wait for the last one.
 */
export class HttpDrain {
  private readonly inFlight = new Set<ServerResponse>();
  private readonly connections = new Map<Socket, ConnectionState>();
  private draining = false;

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => this.trackConnection(socket));
    // Prepended, so that the header is set before the application writes the response.
    server.prependListener('request', (request: IncomingMessage, response: ServerResponse) =>
      this.track(request, response),
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
   * Stops accepting connections and resolves once every connection has closed: those carrying
   * a request close after their response, and idle ones once they have been idle for
   * IDLE_GRACE_MS.
   */
  async closeServer(): Promise<void> {
    if (!this.server.listening) {
      return;
    }

    // http.Server#close would also close every idle kept-alive connection at once, even one
    // whose client has just sent its next request, so only the listener is closed here.
    const closed = new Promise<void>((resolve, reject) => {
      NetServer.prototype.close.call(this.server, (error?: Error) =>
        error ? reject(error) : resolve(),
      );
    });
    this.closeIdleConnections();
    const sweep = setInterval(() => this.closeIdleConnections(), IDLE_SWEEP_MS);
    try {
      await closed;
    } finally {
      clearInterval(sweep);
    }
  }

  private closeIdleConnections(): void {
    const now = Date.now();
    for (const [socket, state] of this.connections) {
      if (state.responses === 0 && now - state.idleSince >= IDLE_GRACE_MS) socket.destroy();
    }
  }

  private trackConnection(socket: Socket): void {
    this.connections.set(socket, { responses: 0, idleSince: Date.now() });
    socket.once('close', () => this.connections.delete(socket));
  }

  private track(request: IncomingMessage, response: ServerResponse): void {
    if (this.draining) {
      closeConnectionAfter(response);
    }

    const connection = this.connections.get(request.socket);
    if (connection) connection.responses += 1;
    this.inFlight.add(response);
    response.once('close', () => {
      this.inFlight.delete(response);
      if (!connection) return;
      connection.responses -= 1;
      connection.idleSince = Date.now();
    });
  }
}

function closeConnectionAfter(response: ServerResponse): void {
  if (!response.headersSent) {
    response.setHeader('Connection', 'close');
  }
}
