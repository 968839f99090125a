import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nowSeconds, signAccessToken, testAudience, testIssuer } from './support/access-token.js';
import { startAuthTestApp, type AuthTestApp } from './support/auth-test-app.js';
import { createSigningKey, type SigningKey } from './support/signing-key.js';

describe('AuthModule verifying a repeated token', () => {
  let key: SigningKey;
  let app: AuthTestApp;
  let keyLookups = 0;

  before(async () => {
    key = await createSigningKey('key-1');
    app = await startAuthTestApp({
      issuer: testIssuer,
      audience: testAudience,
      keyProvider: (_request, _token, done) => {
        keyLookups += 1;
        done(null, key.publicPem);
      },
    });
  });

  after(async () => {
    await app?.close();
  });

  it('verifies a repeated token once', async () => {
    const token = await signAccessToken(key);
    const lookupsBefore = keyLookups;

    const first = await app.get('/principal', token);
    const second = await app.get('/principal', token);

    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    assert.deepEqual(second.body, first.body, 'the same principal');
    assert.equal(keyLookups, lookupsBefore + 1, 'one signature check for both requests');
  });

  it('verifies another token again', async () => {
    await app.get('/principal', await signAccessToken(key));
    const lookupsBefore = keyLookups;

    const response = await app.get('/principal', await signAccessToken(key));

    assert.equal(response.status, 200);
    assert.equal(keyLookups, lookupsBefore + 1);
  });

  it('does not keep a rejected token', async () => {
    const now = nowSeconds();
    const expired = await signAccessToken(key, {
      claims: { iat: now - 900, nbf: now - 900, exp: now - 60 },
    });

    const first = await app.get('/principal', expired);
    const second = await app.get('/principal', expired);

    assert.equal(first.status, 401);
    assert.equal(second.status, 401);
  });
});
