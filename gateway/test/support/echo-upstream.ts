import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** What the upstream does with the next requests; tests change it between steps. */
export interface EchoBehavior {
  /** Delay before the response, in milliseconds. */
  delayMs: number;
  status: number;
}

export interface EchoUpstream {
  url: string;
  received: ReceivedRequest[];
  behavior: EchoBehavior;
  close(): Promise<void>;
}

/**
 * Starts a stand-in upstream service on 127.0.0.1 that records every request with its exact body bytes
 * and responds with a JSON summary (method, path, body length), after `behavior.delayMs`. Given a
 * JWKS, it serves it at /.well-known/jwks.json as identity does.
 */
export async function startEchoUpstream(options: { jwks?: object } = {}): Promise<EchoUpstream> {
  const received: ReceivedRequest[] = [];
  const behavior: EchoBehavior = { delayMs: 0, status: 200 };

  const server: Server = createServer((request, response) => {
    if (options.jwks && request.url === '/.well-known/jwks.json') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(options.jwks));
      return;
    }

    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
      });
      const respond = () => {
        if (response.destroyed) return;
        response.writeHead(behavior.status, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ method: request.method, url: request.url, length: body.length }),
        );
      };
      if (behavior.delayMs > 0) setTimeout(respond, behavior.delayMs);
      else respond();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    behavior,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
