import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** A request line the upstream read, with the connection it came on and what it did with it. */
export interface ConnectionRequest {
  /** Number of the connection, counted from 1 in accept order. */
  connection: number;
  method: string;
  path: string;
  outcome: 'answered' | 'reset';
}

export interface ResettingUpstream {
  url: string;
  requests: ConnectionRequest[];
  close(): Promise<void>;
}

const HEADER_END = '\r\n\r\n';

/**
 * Starts a raw TCP server on 127.0.0.1 that speaks just enough HTTP/1.1 to stand in for a service
 * closing an idle keep-alive connection at the moment its client reuses it. It responds to the
 * first request of each connection with 200 and a JSON body naming the connection, and keeps the
 * connection open unless the request asked for Connection: close. As soon as the bytes of a
 * second request arrive on a connection, it resets the connection with a TCP RST. The first
 * request of a connection must have no body.
 */
export async function startResettingUpstream(): Promise<ResettingUpstream> {
  const requests: ConnectionRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;

  const server: Server = createServer((socket) => {
    const connection = ++connections;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);

    let answered = false;
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const [method = '', path = ''] = head.split(' ', 2);

      if (answered) {
        requests.push({ connection, method, path, outcome: 'reset' });
        socket.resetAndDestroy();
        return;
      }
      if (!head.includes(HEADER_END)) return;

      answered = true;
      requests.push({ connection, method, path, outcome: 'answered' });
      const closeAfter = /^connection:\s*close\s*$/im.test(head.slice(0, head.indexOf(HEADER_END)));
      head = '';
      const body = JSON.stringify({ connection, path });
      socket.write(
        [
          'HTTP/1.1 200 OK',
          'Content-Type: application/json',
          `Content-Length: ${Buffer.byteLength(body)}`,
          `Connection: ${closeAfter ? 'close' : 'keep-alive'}`,
          '',
          body,
        ].join('\r\n'),
      );
      if (closeAfter) socket.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
