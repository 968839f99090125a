import { randomUUID } from 'node:crypto';
import { SignJWT, base64url, type JWTHeaderParameters, type JWTPayload } from 'jose';
import { ACCESS_TOKEN_TYPE } from '../../src/index.js';
import type { SigningKey } from './signing-key.js';

export const testIssuer = 'http://identity.test';
export const testAudience = 'gym-api';

/** Header or claim values to change. A value of `undefined` removes the entry. */
export type Overrides = Record<string, unknown>;

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function withoutUndefined(values: Overrides): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** Claims as identity issues them (STAFF of one branch, valid for 15 minutes), then `overrides`. */
export function accessTokenClaims(overrides: Overrides = {}): JWTPayload {
  const now = nowSeconds();
  return withoutUndefined({
    iss: testIssuer,
    aud: testAudience,
    sub: randomUUID(),
    tid: randomUUID(),
    role: 'STAFF',
    bids: [randomUUID()],
    sid: randomUUID(),
    jti: randomUUID(),
    iat: now,
    nbf: now,
    exp: now + 900,
    ...overrides,
  });
}

/** Signs an ES256 access token with `key`. Without options the strategy accepts it. */
export async function signAccessToken(
  key: SigningKey,
  options: { claims?: Overrides; header?: Overrides } = {},
): Promise<string> {
  const header = withoutUndefined({
    alg: 'ES256',
    kid: key.kid,
    typ: ACCESS_TOKEN_TYPE,
    ...options.header,
  }) as JWTHeaderParameters;
  return new SignJWT(accessTokenClaims(options.claims))
    .setProtectedHeader(header)
    .sign(key.privateKey);
}

/** Signs an HS256 token with `secret` and a known `kid`, as in an algorithm-confusion attack. */
export async function signWithSecret(kid: string, secret: string): Promise<string> {
  return new SignJWT(accessTokenClaims())
    .setProtectedHeader({ alg: 'HS256', kid, typ: ACCESS_TOKEN_TYPE })
    .sign(new TextEncoder().encode(secret));
}

/** Builds an `alg: none` token with an empty signature part. */
export function unsignedToken(kid: string): string {
  const encode = (value: object) => base64url.encode(JSON.stringify(value));
  const header = { alg: 'none', kid, typ: ACCESS_TOKEN_TYPE };
  return `${encode(header)}.${encode(accessTokenClaims())}.`;
}
