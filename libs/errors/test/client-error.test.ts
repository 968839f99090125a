import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { KEEP_ALIVE_TIMEOUT_MS, configureHttpServer, jsonBodyParser } from '../src/index.js';

/** Sends raw bytes and resolves with everything the server writes before it closes. */
async function sendRaw(port: number, bytes: string): Promise<{ status: number; body: any }> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.end(bytes);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  await once(socket, 'close');

  const text = Buffer.concat(chunks).toString('utf8');
  const [head, body] = text.split('\r\n\r\n', 2);
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head ?? '')?.[1]),
    body: JSON.parse(body ?? ''),
  };
}

describe('HTTP requests rejected by the parser', () => {
  let server: Server;
  let port: number;

  before(async () => {
    const app = express();
    app.use(jsonBodyParser({ limit: '1mb' }));
    app.post('/echo', (request, response) => response.json({ received: request.body }));
    server = createServer(app);
    configureHttpServer(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    server.close();
  });

  it('server keeps idle connections 65 s', () => {
    assert.equal(server.keepAliveTimeout, KEEP_ALIVE_TIMEOUT_MS);
    assert.ok(server.headersTimeout > server.keepAliveTimeout);
  });

  it('request line over the header limit gets 431 in the error contract', async () => {
    const response = await sendRaw(port, `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);

    assert.equal(response.status, 431);
    assert.equal(response.body.statusCode, 431);
    assert.equal(response.body.code, 'HEADERS_TOO_LARGE');
    assert.match(response.body.message, /başlıkları/);
    assert.match(response.body.requestId, /^[0-9a-f-]{36}$/);
    assert.equal(response.body.path, '/');
  });

  it('bytes that are not HTTP get 400 in the error contract', async () => {
    const response = await sendRaw(port, 'NOT HTTP AT ALL\r\n\r\n');

    assert.equal(response.status, 400);
    assert.equal(response.body.code, 'MALFORMED_REQUEST');
    assert.ok(!Number.isNaN(Date.parse(response.body.timestamp)));
  });

  it('JSON body nested 5000 levels is rejected before the handler', async () => {
    const body = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const response = await fetch(`http://127.0.0.1:${port}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const parsed = (await response.json()) as { code: string; errors: { code: string }[] };

    assert.equal(response.status, 400);
    assert.equal(parsed.code, 'VALIDATION_FAILED');
    assert.equal(parsed.errors[0]?.code, 'maxDepth');
  });

  it('JSON body with NUL in a string is rejected before the handler', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'a\u0000b' }),
    });
    const parsed = (await response.json()) as { code: string; errors: { field: string }[] };

    assert.equal(response.status, 400);
    assert.equal(parsed.code, 'VALIDATION_FAILED');
    assert.equal(parsed.errors[0]?.field, 'name');
  });
});
