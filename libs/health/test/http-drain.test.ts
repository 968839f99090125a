import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, test } from 'node:test';
import { HttpDrain } from '../src/http-drain.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startServer(): Promise<{ server: Server; drain: HttpDrain; port: number }> {
  const server = createServer((_request, response) => response.end('ok'));
  const drain = new HttpDrain(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, drain, port: (server.address() as { port: number }).port };
}

async function openConnection(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

/**
 * Sends one GET on the socket and resolves with the raw response once the socket closes. With
 * `untilResponse` it resolves as soon as a whole response arrived. An error resolves with its code.
 */
function sendRequest(socket: Socket, options: { untilResponse?: boolean } = {}): Promise<string> {
  if (socket.destroyed || socket.readyState !== 'open') return Promise.resolve('socket closed');

  return new Promise((resolve) => {
    let answer = '';
    const onData = (chunk: Buffer) => {
      answer += chunk.toString();
      if (options.untilResponse && answer.endsWith('ok')) finish(answer);
    };
    const onError = (error: NodeJS.ErrnoException) => finish(error.code ?? error.message);
    const onClose = () => finish(answer);
    const finish = (result: string) => {
      socket.off('data', onData).off('error', onError).off('close', onClose);
      resolve(result);
    };
    socket.on('data', onData).on('error', onError).on('close', onClose);
    socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
  });
}

describe('HttpDrain.closeServer', { timeout: 15_000 }, () => {
  const sockets: Socket[] = [];
  afterEach(() => sockets.splice(0).forEach((socket) => socket.destroy()));

  test('serves the next request on a kept-alive connection', async () => {
    const { drain, port } = await startServer();
    const socket = await openConnection(port);
    sockets.push(socket);
    const first = await sendRequest(socket, { untilResponse: true });
    assert.match(first, /^HTTP\/1\.1 200/);
    drain.startDraining();

    const closed = drain.closeServer();
    await pause(50);
    const answer = await sendRequest(socket);
    await closed;

    assert.match(answer, /^HTTP\/1\.1 200/, `the request got its response, got "${answer}"`);
    assert.match(answer, /connection: close/i, 'and the connection closes after it');
  });

  test('closes an idle connection after the grace', async () => {
    const { drain, port } = await startServer();
    const socket = await openConnection(port);
    sockets.push(socket);
    const socketClosed = once(socket, 'close');

    const started = Date.now();
    await drain.closeServer();
    await socketClosed;

    assert.ok(Date.now() - started >= 200, 'the idle connection was kept for the grace');
    assert.ok(Date.now() - started < 5_000, 'and then closed');
  });
});
