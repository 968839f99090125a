import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { AccessTokenVerifier } from '../../src/auth/access-token-verifier.js';
import { TestSigner } from '../support/test-signer.js';
import { TEST_AUDIENCE, TEST_ISSUER } from '@gym/stack';

describe('AccessTokenVerifier', () => {
  const signer = new TestSigner('current-1');
  let published: object;
  let fetches = 0;
  let server: Server;
  let jwksUrl: URL;

  before(async () => {
    published = await signer.jwks();
    server = createServer((_request, response) => {
      fetches += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(published));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    jwksUrl = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`);
  });

  after(() => {
    server.closeAllConnections();
    server.close();
  });

  function verifier(refreshCooldownMs: number) {
    return new AccessTokenVerifier({
      jwksUrl,
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
      cacheMaxAgeMs: 600_000,
      refreshCooldownMs,
      fetchTimeoutMs: 1_000,
    });
  }

  it('valid token yields principal', async () => {
    const subject = verifier(0);
    const principal = await subject.verify(await signer.sign({ role: 'STAFF', sub: 'user-1' }));
    assert.deepEqual(principal, {
      userId: 'user-1',
      tenantId: 'b3c1a2e4-0000-4000-8000-000000000001',
      role: 'STAFF',
    });
    assert.equal(subject.isLoaded(), true);
  });

  it('is not loaded before the first fetch', async () => {
    assert.equal(verifier(0).isLoaded(), false);
  });

  it('unknown kid: one refresh, then fail', async () => {
    const cooldownMs = 200;
    const subject = verifier(cooldownMs);
    await subject.load();
    await new Promise((resolve) => setTimeout(resolve, cooldownMs + 50));
    const before = fetches;

    // A key identity added after the last fetch: the refresh finds it.
    const rotated = new TestSigner('rotated-2');
    published = { keys: [...(await signer.jwks()).keys, ...(await rotated.jwks()).keys] };
    await subject.verify(await rotated.sign());
    assert.equal(fetches, before + 1, 'one refresh for the new kid');

    const stranger = new TestSigner('stranger-3');
    await assert.rejects(subject.verify(await stranger.sign()), {
      code: 'ERR_JWKS_NO_MATCHING_KEY',
    });
    assert.equal(fetches, before + 1, 'no second refresh within the cooldown');
  });
});
