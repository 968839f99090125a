import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { startIdentity, type IdentityHarness } from './support/identity-harness.js';
import { signUp } from './support/signup-flow.js';

describe('signing keys', () => {
  let harness: IdentityHarness;

  before(async () => {
    harness = await startIdentity();
  });
  after(async () => {
    await harness?.close();
  });

  it('publishes the public key and signs ES256 access tokens that verify against it', async () => {
    const owner = await signUp(harness);
    const jwks = await harness.request('GET', '/.well-known/jwks.json');
    assert.equal(jwks.status, 200);
    assert.equal(jwks.body.keys.length, 1);
    assert.equal(jwks.body.keys[0].kid, 'test-1');
    assert.equal(jwks.body.keys[0].d, undefined, 'no private part is published');

    const { payload, protectedHeader } = await jwtVerify(
      owner.accessToken,
      createLocalJWKSet(jwks.body),
      {
        issuer: 'http://identity.test',
        audience: 'gym-api',
        algorithms: ['ES256'],
        typ: 'at+jwt',
      },
    );
    assert.equal(protectedHeader.kid, 'test-1');
    assert.equal(payload.tid, owner.tenant.id);
    assert.equal(payload.role, 'ADMIN');
    assert.equal((payload.exp ?? 0) - (payload.iat ?? 0), 900, 'access tokens live 15 minutes');
  });

  it('keeps tokens of the previous key valid after rotation', async () => {
    const owner = await signUp(harness);
    const keysDir = harness.env.JWT_SIGNING_KEYS_DIR!;
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(join(keysDir, 'test-2.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));

    const rotated = await startIdentity({
      DATABASE_URL: harness.env.DATABASE_URL!,
      JWT_SIGNING_KEYS_DIR: keysDir,
      JWT_ACTIVE_KEY_ID: 'test-2',
      CODE_HASH_SECRET: harness.env.CODE_HASH_SECRET!,
    });
    try {
      const me = await rotated.request('GET', '/api/v1/auth/me', { token: owner.accessToken });
      assert.equal(me.status, 200, 'a token signed by the old key still works');

      const refreshed = await rotated.request('POST', '/api/v1/auth/refresh', {
        body: { refreshToken: owner.refreshToken },
      });
      assert.equal(refreshed.status, 200, 'the session survives rotation');
      const header = JSON.parse(
        Buffer.from(refreshed.body.accessToken.split('.')[0], 'base64url').toString(),
      );
      assert.equal(header.kid, 'test-2', 'new tokens use the new active key');

      const jwks = await rotated.request('GET', '/.well-known/jwks.json');
      assert.deepEqual(jwks.body.keys.map((key: { kid: string }) => key.kid).sort(), [
        'test-1',
        'test-2',
      ]);
    } finally {
      await rotated.close();
    }
  });

  it('refuses a token signed by an unknown key', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { SignJWT } = await import('jose');
    const forged = await new SignJWT({ tid: 'x', role: 'ADMIN', bids: [], sid: 'x' })
      .setProtectedHeader({ alg: 'ES256', kid: 'test-1', typ: 'at+jwt' })
      .setSubject('x')
      .setIssuer('http://identity.test')
      .setAudience('gym-api')
      .setExpirationTime('5m')
      .sign(privateKey);
    const response = await harness.request('GET', '/api/v1/auth/me', { token: forged });
    assert.equal(response.status, 401);
  });
});
