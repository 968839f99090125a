import { Inject, Injectable, type Type } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { passportJwtSecret } from 'jwks-rsa';
import { ExtractJwt, Strategy, type SecretOrKeyProvider } from 'passport-jwt';
import { AppException } from '@gym/errors';
import { setRequestPrincipal } from '@gym/logging';
import { withParsedPublicKeys } from './public-key-cache.js';
import { VerifiedTokenCache } from './verified-token-cache.js';
import {
  ACCESS_TOKEN_ALGORITHMS,
  ACCESS_TOKEN_TYPE,
  roles,
  type AccessTokenClaims,
  type Principal,
} from './principal.js';

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

export interface AuthOptions {
  issuer: string;
  audience: string;
  /** JWKS of identity; used unless `keyProvider` is given (identity itself reads its key store). */
  jwksUri?: string;
  keyProvider?: SecretOrKeyProvider;
  clockToleranceSeconds?: number;
  /** Exact request paths that need no token; defaults to the probes and /metrics. */
  publicPaths?: string[];
}

const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in claims end up in SQL parameters of uuid columns, so anything else is refused here. */
function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

function headerType(rawToken: string): unknown {
  try {
    const header = rawToken.split('.')[0] ?? '';
    return (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { typ?: unknown }).typ;
  } catch {
    return undefined;
  }
}

/**
 * Creates the passport strategy that verifies bearer access tokens: signature against the JWKS
 * (ES256 only), `iss`, `aud`, `exp`, `nbf` and the `typ` header, then maps the claims to a
 * Principal. Passport keeps strategies in a process-wide registry, so each AuthModule instance
 * registers its own name. Two applications in one process (as in tests) then keep their own keys.
 */
export function createJwtStrategy(strategyName: string): Type<unknown> {
  @Injectable()
  class JwtStrategy extends PassportStrategy(Strategy, strategyName) {
    private readonly verified = new VerifiedTokenCache<Principal>();

    constructor(@Inject(AUTH_OPTIONS) options: AuthOptions) {
      const keyProvider =
        options.keyProvider ??
        withParsedPublicKeys(
          passportJwtSecret({
            jwksUri: options.jwksUri!,
            cache: true,
            cacheMaxAge: 10 * 60 * 1000,
            rateLimit: true,
            jwksRequestsPerMinute: 10,
          }),
        );
      super({
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
        secretOrKeyProvider: keyProvider,
        algorithms: [...ACCESS_TOKEN_ALGORITHMS],
        issuer: options.issuer,
        audience: options.audience,
        ignoreExpiration: false,
        passReqToCallback: true,
        jsonWebTokenOptions: { clockTolerance: options.clockToleranceSeconds ?? 5 },
      });
    }

    /** Accepts a token this strategy verified before from the cache, and verifies any other. */
    override authenticate(request: Request, options?: object): void {
      const token = bearerToken(request);
      const principal = token ? this.verified.get(token) : undefined;
      if (!principal) {
        super.authenticate(request, options);
        return;
      }

      setRequestPrincipal(principal.tenantId, principal.userId);
      this.success(principal);
    }

    validate(request: Request, claims: AccessTokenClaims & { exp?: number }): Principal {
      const rawToken = bearerToken(request) ?? '';
      const validClaims =
        headerType(rawToken) === ACCESS_TOKEN_TYPE &&
        isUuid(claims.sub) &&
        isUuid(claims.tid) &&
        isUuid(claims.sid) &&
        roles.includes(claims.role) &&
        Array.isArray(claims.bids) &&
        claims.bids.every(isUuid);
      if (!validClaims) {
        throw new AppException('UNAUTHENTICATED');
      }

      setRequestPrincipal(claims.tid, claims.sub);
      const principal: Principal = {
        userId: claims.sub,
        tenantId: claims.tid,
        role: claims.role,
        branchIds: claims.bids,
        sessionId: claims.sid,
      };
      if (typeof claims.exp === 'number') this.verified.set(rawToken, principal, claims.exp);
      return principal;
    }
  }
  return JwtStrategy;
}
