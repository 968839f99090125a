import { errors } from 'jose';
import type { Logger } from 'pino';
import { setRequestPrincipal } from '@gym/logging';
import type { AccessTokenVerifier } from '../auth/access-token-verifier.js';
import { InvalidAccessTokenClaims } from '../auth/access-token-verifier.js';
import { asyncPolicy, sendGatewayError, type PolicyMiddleware } from './policy-handler.js';
import { requestState } from './request-state.js';

export interface JwtAuthPolicyOptions {
  verifier: Pick<AccessTokenVerifier, 'verify'>;
  logger: Logger;
}

const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/-]+=*)[ \t]*$/i;

/**
 * Errors that mean the keys could not be fetched, not that the token is wrong: a timeout, a JWKS
 * that is not valid, a non-200 response (jose's generic error) or a network error from fetch.
 */
function isKeyFetchFailure(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return true;
  if (error instanceof errors.JOSEError) return error.code === 'ERR_JOSE_GENERIC';
  return !(error instanceof InvalidAccessTokenClaims);
}

/**
 * Requires `Authorization: Bearer <access token>` verified against identity's JWKS. A missing or
 * invalid token gets a 401 UNAUTHENTICATED response. When the keys cannot be fetched, the
 * response is 503, since the gateway cannot tell a good token from a bad one.
 */
export function jwtAuthPolicy(options: JwtAuthPolicyOptions): PolicyMiddleware {
  return asyncPolicy(options.logger, async (request, response, next) => {
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match) {
      sendGatewayError(request, response, 'UNAUTHENTICATED', {
        headers: { 'WWW-Authenticate': 'Bearer' },
      });
      return;
    }

    try {
      const token = await options.verifier.verify(match[1]!);
      requestState(request).principal = token;
      setRequestPrincipal(token.tenantId, token.userId);
    } catch (error) {
      if (isKeyFetchFailure(error)) {
        options.logger.error({ err: error }, 'Signing keys could not be fetched from identity');
        sendGatewayError(request, response, 'SERVICE_UNAVAILABLE', {
          headers: { 'Retry-After': '1' },
        });
        return;
      }
      options.logger.debug(
        { reason: (error as Error).name, code: (error as { code?: string }).code },
        'Access token rejected',
      );
      sendGatewayError(request, response, 'UNAUTHENTICATED', {
        headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      });
      return;
    }
    next();
  });
}
