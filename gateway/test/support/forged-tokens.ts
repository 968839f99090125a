import { createHmac, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT, decodeJwt } from 'jose';
import { TEST_AUDIENCE, TEST_ISSUER, TEST_KEY_ID } from '@gym/stack';

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

interface Claims {
  sub: string;
  tid: string;
  role: string;
  bids: string[];
  sid: string;
}

/**
 * Tokens an attacker could send, each wrong in one way, built from a real access token and
 * identity's signing key: the gateway and identity must both reject every one with 401.
 */
export async function forgeTokens(
  realToken: string,
  signingKey: KeyObject,
): Promise<Record<string, string>> {
  const real = decodeJwt(realToken) as unknown as Claims;
  const claims = { tid: real.tid, role: real.role, bids: real.bids, sid: real.sid };
  const now = Math.floor(Date.now() / 1000);

  const sign = (
    key: KeyObject,
    options: { kid?: string; iss?: string; aud?: string; iat?: number; exp?: number } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? TEST_KEY_ID, typ: 'at+jwt' })
      .setSubject(real.sub)
      .setIssuer(options.iss ?? TEST_ISSUER)
      .setAudience(options.aud ?? TEST_AUDIENCE)
      .setIssuedAt(options.iat ?? now)
      .setNotBefore(options.iat ?? now)
      .setExpirationTime(options.exp ?? now + 600)
      .sign(key);

  const payload = {
    ...claims,
    sub: real.sub,
    iss: TEST_ISSUER,
    aud: TEST_AUDIENCE,
    iat: now,
    nbf: now,
    exp: now + 600,
  };
  const algNone = `${base64url({ alg: 'none', typ: 'at+jwt', kid: TEST_KEY_ID })}.${base64url(payload)}.`;

  const publicPem = createPublicKey(signingKey).export({ type: 'spki', format: 'pem' }) as string;
  const hsSigningInput = `${base64url({ alg: 'HS256', typ: 'at+jwt', kid: TEST_KEY_ID })}.${base64url(payload)}`;
  const hs256WithPublicKey = `${hsSigningInput}.${createHmac('sha256', publicPem).update(hsSigningInput).digest('base64url')}`;

  const [header, , signature] = realToken.split('.');
  const tamperedPayload = `${header}.${base64url({ ...decodeJwt(realToken), role: 'ADMIN', sub: '00000000-0000-4000-8000-000000000000' })}.${signature}`;

  const { privateKey: strangerKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    'alg none': algNone,
    'HS256 signed with the public key': hs256WithPublicKey,
    expired: await sign(signingKey, { iat: now - 7200, exp: now - 3600 }),
    'wrong issuer': await sign(signingKey, { iss: 'http://attacker.test' }),
    'wrong audience': await sign(signingKey, { aud: 'another-api' }),
    'unknown kid': await sign(strangerKey, { kid: 'unknown-key-1' }),
    'tampered payload': tamperedPayload,
  };
}
