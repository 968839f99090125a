import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Principal } from '../src/index.js';
import {
  nowSeconds,
  signAccessToken,
  signWithSecret,
  testAudience,
  testIssuer,
  unsignedToken,
} from './support/access-token.js';
import { startAuthTestApp, type AuthTestApp, type HttpResponse } from './support/auth-test-app.js';
import { startJwksServer, type JwksServer } from './support/jwks-server.js';
import { createSigningKey, type SigningKey } from './support/signing-key.js';

function assertErrorResponse(
  response: HttpResponse,
  expected: { status: number; code: string; path: string },
  label: string,
): void {
  assert.equal(response.status, expected.status, `${label}: HTTP status`);
  assert.equal(response.body.code, expected.code, `${label}: error code`);
  assert.equal(response.body.statusCode, expected.status, `${label}: statusCode in the body`);
  assert.equal(response.body.path, expected.path, `${label}: path in the body`);
  assert.ok(response.requestIdHeader, `${label}: X-Request-ID header is set`);
  assert.equal(
    response.body.requestId,
    response.requestIdHeader,
    `${label}: requestId in the body matches the X-Request-ID header`,
  );
}

async function startAuthApp(jwks: JwksServer): Promise<AuthTestApp> {
  return startAuthTestApp({ issuer: testIssuer, audience: testAudience, jwksUri: jwks.jwksUri });
}

describe('AuthModule with a remote JWKS', () => {
  let key: SigningKey;
  let jwks: JwksServer;
  let app: AuthTestApp;

  before(async () => {
    key = await createSigningKey('key-1');
    jwks = await startJwksServer([key.publicJwk]);
    app = await startAuthApp(jwks);
  });

  after(async () => {
    await app?.close();
    await jwks?.close();
  });

  it('accepts a valid access token', async () => {
    const [userId, tenantId, sessionId, branchOne, branchTwo] = Array.from({ length: 5 }, () =>
      randomUUID(),
    );
    const claims = {
      sub: userId,
      tid: tenantId,
      role: 'STAFF',
      bids: [branchOne, branchTwo],
      sid: sessionId,
    };
    const token = await signAccessToken(key, { claims });

    const response = await app.get('/principal', token);

    assert.equal(
      response.status,
      200,
      `a valid token gets 200, got ${JSON.stringify(response.body)}`,
    );
    const expected: Principal = {
      userId,
      tenantId,
      role: 'STAFF',
      branchIds: [branchOne!, branchTwo!],
      sessionId,
    };
    assert.deepEqual(response.body, expected, 'the principal is built from the token claims');
  });

  it('reuses a fetched key for later tokens', async () => {
    await app.get('/principal', await signAccessToken(key));
    const requestsBefore = jwks.requestCount;

    const response = await app.get('/principal', await signAccessToken(key));

    assert.equal(response.status, 200, 'the second token is accepted');
    assert.equal(jwks.requestCount, requestsBefore, 'a cached key needs no JWKS request');
  });

  it('accepts expiry within clock tolerance', async () => {
    const now = nowSeconds();
    const token = await signAccessToken(key, {
      claims: { iat: now - 900, nbf: now - 900, exp: now - 1 },
    });

    const response = await app.get('/principal', token);

    assert.equal(response.status, 200, 'exp 1 s ago is within the 5 s tolerance');
  });

  describe('rejects with 401 UNAUTHENTICATED', () => {
    const rejectedTokens: { name: string; token: () => Promise<string | undefined> }[] = [
      { name: 'no token', token: async () => undefined },
      { name: 'a token that is not a JWT', token: async () => 'not-a-jwt' },
      {
        name: 'wrong issuer',
        token: () => signAccessToken(key, { claims: { iss: 'http://other-identity.test' } }),
      },
      {
        name: 'wrong audience',
        token: () => signAccessToken(key, { claims: { aud: 'other-api' } }),
      },
      {
        name: 'expired beyond the tolerance',
        token: () => {
          const now = nowSeconds();
          return signAccessToken(key, {
            claims: { iat: now - 960, nbf: now - 960, exp: now - 60 },
          });
        },
      },
      {
        name: 'nbf in the future',
        token: () => signAccessToken(key, { claims: { nbf: nowSeconds() + 60 } }),
      },
      {
        name: 'typ header missing',
        token: () => signAccessToken(key, { header: { typ: undefined } }),
      },
      { name: 'typ header JWT', token: () => signAccessToken(key, { header: { typ: 'JWT' } }) },
      { name: 'HS256 with a secret', token: () => signWithSecret('key-1', 'guessed-secret') },
      {
        name: 'HS256 keyed with the public key',
        token: () => signWithSecret('key-1', key.publicPem),
      },
      { name: 'alg none', token: async () => unsignedToken('key-1') },
      {
        name: 'foreign key reusing a known kid',
        token: async () => signAccessToken(await createSigningKey('key-1')),
      },
      {
        name: 'unknown kid',
        token: async () => signAccessToken(await createSigningKey('key-unknown')),
      },
      { name: 'missing tid', token: () => signAccessToken(key, { claims: { tid: undefined } }) },
      { name: 'missing sub', token: () => signAccessToken(key, { claims: { sub: undefined } }) },
      { name: 'missing sid', token: () => signAccessToken(key, { claims: { sid: undefined } }) },
      { name: 'invalid role', token: () => signAccessToken(key, { claims: { role: 'OWNER' } }) },
      {
        name: 'bids not an array',
        token: () => signAccessToken(key, { claims: { bids: 'branch-1' } }),
      },
      {
        name: 'bids with a non-string id',
        token: () => signAccessToken(key, { claims: { bids: [randomUUID(), 42] } }),
      },
      {
        name: 'tenant id that is not a UUID',
        token: () => signAccessToken(key, { claims: { tid: 'not-a-uuid' } }),
      },
      {
        name: 'branch id that is not a UUID',
        token: () => signAccessToken(key, { claims: { bids: ['nope'] } }),
      },
    ];

    for (const { name, token } of rejectedTokens) {
      it(name, async () => {
        const response = await app.get('/principal', await token());

        assertErrorResponse(
          response,
          { status: 401, code: 'UNAUTHENTICATED', path: '/principal' },
          name,
        );
      });
    }
  });

  describe('@Roles(ADMIN) route', () => {
    it('rejects STAFF with 403 FORBIDDEN_ROLE', async () => {
      const token = await signAccessToken(key, { claims: { role: 'STAFF' } });

      const response = await app.get('/admin-only', token);

      assertErrorResponse(
        response,
        { status: 403, code: 'FORBIDDEN_ROLE', path: '/admin-only' },
        'STAFF on an ADMIN route',
      );
    });

    it('accepts ADMIN', async () => {
      const token = await signAccessToken(key, { claims: { role: 'ADMIN' } });

      const response = await app.get('/admin-only', token);

      assert.equal(response.status, 200, 'ADMIN gets 200 on an ADMIN route');
      assert.deepEqual(response.body, { role: 'ADMIN' }, 'the handler sees the ADMIN principal');
    });

    it('authenticates before checking the role', async () => {
      const response = await app.get('/admin-only');

      assertErrorResponse(
        response,
        { status: 401, code: 'UNAUTHENTICATED', path: '/admin-only' },
        'no token on an ADMIN route',
      );
    });
  });

  describe('public routes', () => {
    it('serves a @Public() route without a token', async () => {
      const response = await app.get('/public');

      assert.equal(response.status, 200, '@Public() route gets 200 without a token');
      assert.deepEqual(response.body, { public: true }, 'the handler ran');
    });

    it('serves a default public path without a token', async () => {
      const response = await app.get('/health/live');

      assert.equal(response.status, 200, '/health/live gets 200 without a token');
      assert.deepEqual(response.body, { status: 'ok' }, 'the handler ran');
    });
  });
});

describe('AuthModule key rotation', () => {
  it('accepts a key published after startup', async () => {
    const firstKey = await createSigningKey('key-1');
    const secondKey = await createSigningKey('key-2');
    const jwks = await startJwksServer([firstKey.publicJwk]);
    const app = await startAuthApp(jwks);

    try {
      const beforeRotation = await app.get('/principal', await signAccessToken(secondKey));
      assert.equal(beforeRotation.status, 401, 'a kid missing from the JWKS is rejected');

      jwks.publish(secondKey.publicJwk);
      const requestsBefore = jwks.requestCount;
      const afterRotation = await app.get('/principal', await signAccessToken(secondKey));

      assert.equal(afterRotation.status, 200, 'the new key verifies once the JWKS serves it');
      assert.equal(jwks.requestCount, requestsBefore + 1, 'the unknown kid triggered one fetch');

      const oldKeyResponse = await app.get('/principal', await signAccessToken(firstKey));
      assert.equal(oldKeyResponse.status, 200, 'tokens of the first key stay valid');
    } finally {
      await app.close();
      await jwks.close();
    }
  });
});

describe('two AuthModule instances in one process', () => {
  let first: { key: SigningKey; jwks: JwksServer; app: AuthTestApp };
  let second: { key: SigningKey; jwks: JwksServer; app: AuthTestApp };

  async function startService() {
    // Both services name their key `key-1`, so only the key material distinguishes them.
    const key = await createSigningKey('key-1');
    const jwks = await startJwksServer([key.publicJwk]);
    return { key, jwks, app: await startAuthApp(jwks) };
  }

  before(async () => {
    first = await startService();
    second = await startService();
  });

  after(async () => {
    for (const service of [first, second]) {
      await service?.app.close();
      await service?.jwks.close();
    }
  });

  it('each accepts only tokens of its own keys', async () => {
    const firstToken = await signAccessToken(first.key);
    const secondToken = await signAccessToken(second.key);

    const firstOwn = await first.app.get('/principal', firstToken);
    const secondOwn = await second.app.get('/principal', secondToken);
    const firstForeign = await first.app.get('/principal', secondToken);
    const secondForeign = await second.app.get('/principal', firstToken);

    assert.equal(firstOwn.status, 200, 'first app accepts its own token');
    assert.equal(secondOwn.status, 200, 'second app accepts its own token');
    assert.equal(firstForeign.status, 401, 'first app rejects a token of the second JWKS');
    assert.equal(secondForeign.status, 401, 'second app rejects a token of the first JWKS');
  });
});
