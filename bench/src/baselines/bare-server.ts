// A bare Node HTTP server answering fixed JSON on 127.0.0.1, started as a child process: the
// ceiling any Node service on this machine could reach. Prints its port as a JSON line.
import { createServer } from 'node:http';

const body = JSON.stringify({ id: '0d3f4a6e-5b1c-4f7e-9a2d-8c6b1e0f3a57', name: 'Merkez Şube' });

const server = createServer((_request, response) => {
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(JSON.stringify({ msg: 'listening', port }));
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
