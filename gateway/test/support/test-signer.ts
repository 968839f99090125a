import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { exportJWK, SignJWT, type JWK } from 'jose';
import { TEST_AUDIENCE, TEST_ISSUER } from '@gym/stack';

/** An ES256 key that signs access tokens shaped like identity's, for tests without identity. */
export class TestSigner {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor(readonly kid = 'stand-in-1') {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    const jwk = await exportJWK(this.publicKey);
    return { keys: [{ ...jwk, kid: this.kid, alg: 'ES256', use: 'sig' }] };
  }

  sign(claims: { role?: string; sub?: string; tid?: string } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      tid: claims.tid ?? 'b3c1a2e4-0000-4000-8000-000000000001',
      role: claims.role ?? 'ADMIN',
      bids: [],
      sid: 's',
    })
      .setProtectedHeader({ alg: 'ES256', kid: this.kid, typ: 'at+jwt' })
      .setSubject(claims.sub ?? 'b3c1a2e4-0000-4000-8000-000000000002')
      .setIssuer(TEST_ISSUER)
      .setAudience(TEST_AUDIENCE)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 600)
      .sign(this.privateKey);
  }
}
