import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';

/** A JWKS endpoint on 127.0.0.1 whose key set a test can extend while it runs. */
export interface JwksServer {
  jwksUri: string;
  /** Number of JWKS requests served so far. */
  readonly requestCount: number;
  publish(publicJwk: JWK): void;
  close(): Promise<void>;
}

export async function startJwksServer(initialKeys: JWK[]): Promise<JwksServer> {
  const keys = [...initialKeys];
  let requestCount = 0;

  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/.well-known/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    requestCount += 1;
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    jwksUri: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    get requestCount() {
      return requestCount;
    },
    publish(publicJwk) {
      keys.push(publicJwk);
    },
    close() {
      // The HTTP client of jwks-rsa keeps its connection alive, which would hold close() open.
      server.closeAllConnections();
      return new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
