import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';

/**
 * Returns a TCP port on 127.0.0.1 that was free a moment ago.
 * NOTE: another process may take the port before the caller binds it; callers that can listen
 * on port 0 themselves should do that instead.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');

  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
  return port;
}
