import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { freePort } from '@gym/testing';
import { AccessTokenVerifier } from '../../src/auth/access-token-verifier.js';
import { jwtAuthPolicy } from '../../src/policies/jwt-auth.policy.js';
import { TEST_AUDIENCE, TEST_ISSUER, request } from '@gym/stack';
import { startPolicyApp, type PolicyApp } from '../support/policy-app.js';
import { TestSigner } from '../support/test-signer.js';

describe('jwtAuthPolicy', () => {
  let app: PolicyApp;
  let token: string;

  before(async () => {
    // No JWKS server listens at this address, so every key fetch fails.
    const verifier = new AccessTokenVerifier({
      jwksUrl: new URL(`http://127.0.0.1:${await freePort()}/.well-known/jwks.json`),
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
      cacheMaxAgeMs: 60_000,
      refreshCooldownMs: 0,
      fetchTimeoutMs: 500,
    });
    app = await startPolicyApp([jwtAuthPolicy({ verifier, logger: pino({ level: 'silent' }) })]);
    token = await new TestSigner().sign();
  });

  after(async () => {
    await app?.close();
  });

  it('missing bearer token gets 401', async () => {
    for (const authorization of [undefined, 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b']) {
      const response = await request(app.baseUrl, 'GET', '/', {
        headers: authorization ? { authorization } : {},
      });
      assert.equal(response.status, 401, String(authorization));
      assert.equal(response.body.code, 'UNAUTHENTICATED');
      assert.equal(response.headers.get('www-authenticate'), 'Bearer');
    }
  });

  it('malformed token gets 401', async () => {
    const response = await request(app.baseUrl, 'GET', '/', { token: 'not-a-jwt' });
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
  });

  it('unreachable JWKS gets 503', async () => {
    const response = await request(app.baseUrl, 'GET', '/', { token });
    assert.equal(response.status, 503);
    assert.equal(response.body.code, 'SERVICE_UNAVAILABLE');
    assert.equal(response.headers.get('retry-after'), '1');
  });
});
