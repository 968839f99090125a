import { createRemoteJWKSet, jwtVerify, type RemoteJWKSet } from 'jose';
import type { VerifiedTokenCache } from '@gym/auth/verified-token-cache';

/** Header `typ` of identity's access tokens (RFC 9068). */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

/** The only algorithm identity signs with; any other `alg`, `none` included, is rejected. */
const ALLOWED_ALGORITHMS = ['ES256'];

/** Seconds of clock difference between identity and the gateway tolerated for exp and nbf. */
const CLOCK_TOLERANCE_SECONDS = 5;

const ROLES = new Set(['ADMIN', 'STAFF']);

export interface AccessTokenVerifierOptions {
  jwksUrl: URL;
  issuer: string;
  audience: string;
  /** How long fetched keys are used before they are fetched again. */
  cacheMaxAgeMs: number;
  /** Minimum time between two fetches triggered by an unknown `kid`. */
  refreshCooldownMs: number;
  /** Time limit of one JWKS fetch. */
  fetchTimeoutMs: number;
  /** Tokens verified before, served without a new signature check. */
  cache?: VerifiedTokenCache<VerifiedAccessToken>;
}

/** The claims of a verified access token that the gateway uses. */
export interface VerifiedAccessToken {
  userId: string;
  tenantId: string;
  role: string;
}

/** Raised for a token whose claims are signed correctly but do not describe a user of a tenant. */
export class InvalidAccessTokenClaims extends Error {
  constructor(reason: string) {
    super(`Invalid access token claims: ${reason}`);
    this.name = 'InvalidAccessTokenClaims';
  }
}

/**
 * Verifies identity's access tokens against its JWKS with jose: ES256 only, `typ` at+jwt, `iss`,
 * `aud`, `exp` and `nbf`. For a `kid` missing from the cached keys, jose fetches the JWKS again
 * unless the last fetch was less than the refresh cooldown ago, and rejects the token when the
 * `kid` is still missing.
 */
export class AccessTokenVerifier {
  private readonly keys: RemoteJWKSet;

  constructor(private readonly options: AccessTokenVerifierOptions) {
    this.keys = createRemoteJWKSet(options.jwksUrl, {
      cacheMaxAge: options.cacheMaxAgeMs,
      cooldownDuration: options.refreshCooldownMs,
      timeoutDuration: options.fetchTimeoutMs,
    });
  }

  /** Throws a jose error or InvalidAccessTokenClaims when the token is not valid. */
  async verify(token: string): Promise<VerifiedAccessToken> {
    const cached = this.options.cache?.get(token);
    if (cached) return cached;

    const { payload } = await jwtVerify(token, this.keys, {
      algorithms: ALLOWED_ALGORITHMS,
      issuer: this.options.issuer,
      audience: this.options.audience,
      typ: ACCESS_TOKEN_TYPE,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'nbf', 'sub'],
    });

    if (typeof payload.tid !== 'string' || payload.tid === '') {
      throw new InvalidAccessTokenClaims('tid is missing');
    }
    if (typeof payload.role !== 'string' || !ROLES.has(payload.role)) {
      throw new InvalidAccessTokenClaims('role is not ADMIN or STAFF');
    }
    const verified = { userId: payload.sub!, tenantId: payload.tid, role: payload.role };
    this.options.cache?.set(token, verified, payload.exp!);
    return verified;
  }

  /** Returns whether keys have been fetched, which readiness requires. */
  isLoaded(): boolean {
    return this.keys.jwks() !== undefined;
  }

  /** Fetches the JWKS now, ignoring the cooldown, and rejects when the fetch fails. */
  async load(): Promise<void> {
    await this.keys.reload();
  }
}
