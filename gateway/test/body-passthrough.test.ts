import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startEchoUpstream, type EchoUpstream } from './support/echo-upstream.js';
import { startGatewayProcess, type GatewayProcess, request } from '@gym/stack';
import { TestSigner } from './support/test-signer.js';

const BODY_LIMIT_BYTES = 4096;

/** Sends `body` in several chunks without Content-Length (chunked transfer encoding). */
async function sendChunked(
  url: string,
  method: string,
  body: Buffer,
  headers: Record<string, string>,
) {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let offset = 0; offset < body.length; offset += 1000) {
        controller.enqueue(body.subarray(offset, offset + 1000));
      }
      controller.close();
    },
  });
  const response = await fetch(url, {
    method,
    headers,
    body: stream,
    duplex: 'half',
  } as RequestInit);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as any,
  };
}

describe('request bodies through the gateway', () => {
  let upstream: EchoUpstream;
  let gateway: GatewayProcess;
  let token: string;

  before(async () => {
    const signer = new TestSigner();
    upstream = await startEchoUpstream({ jwks: await signer.jwks() });
    gateway = await startGatewayProcess({
      identityUrl: upstream.url,
      env: { BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES) },
    });
    token = await signer.sign();
  });

  after(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  const cases = [
    {
      method: 'POST',
      path: '/api/v1/auth/login',
      // Spacing, key order and non-ASCII text stay as sent: the gateway never re-serializes.
      body: Buffer.from('{ "password":"Kule-Demir-42!x",\n  "email" : "ayşe@örnek.com.tr" }'),
    },
    {
      method: 'PUT',
      path: '/api/v1/branches/7f0c7a52-3c8e-4d2c-9a52-0d0f8f9b1a11',
      body: Buffer.from(JSON.stringify({ name: 'Çınar Şubesi', phone: '+90 212 555 00 00' })),
    },
    {
      method: 'PATCH',
      path: '/api/v1/users/7f0c7a52-3c8e-4d2c-9a52-0d0f8f9b1a12',
      body: Buffer.from(JSON.stringify({ fullName: 'Ğ'.repeat(1000) })),
    },
  ];

  for (const { method, path, body } of cases) {
    it(`${method} body arrives byte for byte`, async () => {
      const before = upstream.received.length;
      const response = await request(gateway.baseUrl, method, path, {
        body,
        token,
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(response.status, 200, response.text);

      const received = upstream.received.slice(before);
      assert.equal(received.length, 1);
      assert.equal(received[0]!.method, method);
      assert.equal(received[0]!.url, path);
      assert.ok(received[0]!.body.equals(body), `${method}: the upstream got different bytes`);
      assert.equal(received[0]!.headers['content-length'], String(body.length));
    });
  }

  it('chunked body arrives byte for byte', async () => {
    const body = randomBytes(BODY_LIMIT_BYTES);
    const before = upstream.received.length;
    const response = await sendChunked(`${gateway.baseUrl}/api/v1/branches/x/photo`, 'PUT', body, {
      authorization: `Bearer ${token}`,
      'content-type': 'application/octet-stream',
    });
    assert.equal(response.status, 200);
    const received = upstream.received.slice(before);
    assert.equal(received.length, 1);
    assert.ok(received[0]!.body.equals(body), 'the upstream got different bytes');
  });

  it('declared length over the limit gets 413', async () => {
    const before = upstream.received.length;
    const response = await request(gateway.baseUrl, 'POST', '/api/v1/auth/login', {
      body: Buffer.alloc(BODY_LIMIT_BYTES + 1, 'a'),
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
    });
    assert.equal(response.status, 413);
    assert.equal(response.body.code, 'PAYLOAD_TOO_LARGE');
    assert.equal(response.body.message, 'The request body exceeds the allowed size.');
    assert.equal(upstream.received.length, before, 'nothing reached the upstream');
  });

  it('streamed body over the limit gets 413', async () => {
    const response = await sendChunked(
      `${gateway.baseUrl}/api/v1/branches`,
      'POST',
      randomBytes(BODY_LIMIT_BYTES * 2),
      { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    );
    assert.equal(response.status, 413);
    assert.equal(response.body.code, 'PAYLOAD_TOO_LARGE');
    assert.ok(
      upstream.received.every((received) => received.body.length <= BODY_LIMIT_BYTES),
      'no upstream request got more than the limit',
    );
  });

  it('client forwarding headers replaced', async () => {
    const before = upstream.received.length;
    await request(gateway.baseUrl, 'POST', '/api/v1/auth/login', {
      json: {},
      headers: { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-host': 'evil.example' },
    });
    const [received] = upstream.received.slice(before);
    assert.equal(received!.headers['x-forwarded-for'], '127.0.0.1');
    assert.equal(received!.headers['x-forwarded-host'], new URL(gateway.baseUrl).host);
    assert.match(String(received!.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    assert.match(String(received!.headers.traceparent), /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
  });
});
