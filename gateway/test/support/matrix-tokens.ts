import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateKey } from 'node:crypto';
import { SignJWT, decodeJwt } from 'jose';
import { TEST_AUDIENCE, TEST_ISSUER, TEST_KEY_ID } from '@gym/stack';

/** Tokens that every non-public route must reject with 401, by what is wrong with them. */
export interface RejectedTokens {
  /** Signed by identity's key, with claims of a real ADMIN, but expired an hour ago. */
  expired: string;
  /** Valid claims signed by another key under identity's key id. */
  forged: string;
}

function sign(
  claims: Record<string, unknown>,
  key: KeyObject,
  expiresAt: number,
  issuedAt: number,
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: TEST_KEY_ID, typ: 'at+jwt' })
    .setIssuer(TEST_ISSUER)
    .setAudience(TEST_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key);
}

/** Builds the rejected tokens from a real access token and identity's key folder. */
export async function rejectedTokens(realToken: string, keysDir: string): Promise<RejectedTokens> {
  const claims = decodeJwt(realToken);
  const copy = {
    sub: claims.sub,
    tid: claims.tid,
    role: claims.role,
    bids: claims.bids,
    sid: claims.sid,
    jti: randomUUID(),
  };
  const identityKey = createPrivateKey(readFileSync(join(keysDir, `${TEST_KEY_ID}.pem`)));
  const { privateKey: strangerKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const now = Math.floor(Date.now() / 1000);
  return {
    expired: await sign(copy, identityKey, now - 3600, now - 7200),
    forged: await sign(copy, strangerKey, now + 600, now),
  };
}
