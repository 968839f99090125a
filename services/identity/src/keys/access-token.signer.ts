import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { ACCESS_TOKEN_TYPE, type AccessTokenClaims } from '@gym/auth';
import type { SigningKeyStore } from './signing-key-store.js';

export interface AccessTokenSettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/** Signs short-lived access tokens with the active key; `kid` names the key in the JWKS. */
export class AccessTokenSigner {
  constructor(
    private readonly keys: SigningKeyStore,
    private readonly settings: AccessTokenSettings,
  ) {}

  get ttlSeconds(): number {
    return this.settings.ttlSeconds;
  }

  async sign(claims: AccessTokenClaims): Promise<string> {
    const key = this.keys.active;
    const now = Math.floor(Date.now() / 1000);

    return new SignJWT({ tid: claims.tid, role: claims.role, bids: claims.bids, sid: claims.sid })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: ACCESS_TOKEN_TYPE })
      .setSubject(claims.sub)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + this.settings.ttlSeconds)
      .setJti(randomUUID())
      .sign(key.privateKey);
  }
}
