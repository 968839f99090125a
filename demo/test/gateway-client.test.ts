import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ApiError, GatewayClient, retryAfterSeconds } from '../src/gateway-client.js';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

describe('the gateway client', () => {
  let server: Server;
  let baseUrl: string;
  const handlers: Handler[] = [];
  const seen: {
    method: string;
    url: string;
    authorization?: string;
    key?: string;
    body: string;
  }[] = [];

  before(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({
          method: request.method!,
          url: request.url!,
          authorization: request.headers.authorization,
          key: request.headers['idempotency-key'] as string | undefined,
          body,
        });
        handlers.shift()!(request, body, response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function answer(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
    return (_request, _body, response) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
  }

  it('429 retried after Retry-After', async () => {
    seen.length = 0;
    handlers.push(
      answer(429, { code: 'RATE_LIMITED' }, { 'retry-after': '1' }),
      answer(201, { id: 'p1' }),
    );
    const waits: number[] = [];
    const client = new GatewayClient(baseUrl, (seconds) => waits.push(seconds));

    const started = Date.now();
    const body = await client.call('POST', '/api/v1/payments', {
      idempotencyKey: 'k1',
      body: { amount: '1.00' },
    });

    assert.deepEqual(body, { id: 'p1' });
    assert.deepEqual(waits, [1]);
    assert.equal(client.rateLimitedCount, 1);
    assert.ok(Date.now() - started >= 900, 'the client did not wait');
    assert.deepEqual(
      seen.map((request) => [request.key, request.body]),
      [
        ['k1', '{"amount":"1.00"}'],
        ['k1', '{"amount":"1.00"}'],
      ],
    );
  });

  it('401 renews the access token', async () => {
    seen.length = 0;
    handlers.push(
      answer(401, { code: 'UNAUTHORIZED' }),
      answer(200, { accessToken: 'access-2', refreshToken: 'refresh-2' }),
      answer(200, { data: [] }),
    );
    const client = new GatewayClient(baseUrl);
    client.accessToken = 'access-1';
    client.refreshToken = 'refresh-1';

    await client.call('GET', '/api/v1/members', { query: { page: 1, search: undefined } });

    assert.deepEqual(
      seen.map((request) => [request.method, request.url, request.authorization]),
      [
        ['GET', '/api/v1/members?page=1', 'Bearer access-1'],
        ['POST', '/api/v1/auth/refresh', 'Bearer access-1'],
        ['GET', '/api/v1/members?page=1', 'Bearer access-2'],
      ],
    );
    assert.equal(seen[1]!.body, '{"refreshToken":"refresh-1"}');
    assert.equal(client.refreshToken, 'refresh-2');
  });

  it('4xx raises ApiError with code', async () => {
    handlers.push(
      answer(409, { code: 'MONTH_LOCKED', message: '2026-11 ayı gelir kayıtlarına kilitlenmiş' }),
    );
    const client = new GatewayClient(baseUrl);

    const error = await client
      .call('POST', '/api/v1/payments', { body: {} })
      .catch((caught: unknown) => caught);

    assert.ok(error instanceof ApiError);
    assert.equal(error.code, 'MONTH_LOCKED');
    assert.equal(error.status, 409);
    assert.match(error.message, /POST \/api\/v1\/payments answered 409 MONTH_LOCKED: 2026-11 ayı/);
  });

  it('unreachable gateway names npm start', async () => {
    const client = new GatewayClient('http://127.0.0.1:9');
    await assert.rejects(
      client.call('GET', '/api/v1/branches'),
      /did not answer GET \/api\/v1\/branches.*npm start/s,
    );
  });

  it('Retry-After seconds or date', () => {
    const now = Date.parse('2026-12-04T10:00:00Z');
    assert.equal(retryAfterSeconds('3', now), 3);
    assert.equal(retryAfterSeconds('Fri, 04 Dec 2026 10:00:05 GMT', now), 5);
    assert.equal(retryAfterSeconds(null, now), 1);
    assert.equal(retryAfterSeconds('0', now), 1);
    assert.equal(retryAfterSeconds('3600', now), 60);
    assert.equal(retryAfterSeconds('soon', now), 1);
  });
});
