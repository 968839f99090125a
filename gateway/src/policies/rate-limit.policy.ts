import type { Request } from 'express';
import type { Logger } from 'pino';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Counter } from 'prom-client';
import type { LogThrottle } from '../observability/log-throttle.js';
import { asyncPolicy, sendGatewayError, type PolicyMiddleware } from './policy-handler.js';
import { requestState } from './request-state.js';

/** The part of rate-limiter-flexible's limiters the policy uses. */
export interface PointLimiter {
  consume(key: string): Promise<RateLimiterRes>;
}

export interface RateLimitPolicyOptions {
  /** Label of the limiter in logs and in `gateway_rate_limit_rejections_total`. */
  name: string;
  limiter: PointLimiter;
  rejections: Counter<'limiter'>;
  logger: Logger;
  logThrottle: LogThrottle;
  /** Key of the counter a request uses; the client address by default. */
  keyOf?: (request: Request) => string;
}

/**
 * Counts one point per request against the client's budget. A used-up budget gets a 429
 * RATE_LIMITED response with Retry-After. When the limiter's store (Redis) fails, the request
 * gets a 503 response at once: the gateway does not let traffic through unlimited, and does not wait either.
 */
export function rateLimitPolicy(options: RateLimitPolicyOptions): PolicyMiddleware {
  const keyOf = options.keyOf ?? ((request: Request) => requestState(request).clientIp);

  return asyncPolicy(options.logger, async (request, response, next) => {
    const key = keyOf(request);
    let rejection: unknown;
    try {
      await options.limiter.consume(key);
    } catch (error) {
      rejection = error;
    }

    if (rejection === undefined) {
      next();
      return;
    }

    if (rejection instanceof RateLimiterRes) {
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      options.rejections.inc({ limiter: options.name });
      sendGatewayError(request, response, 'RATE_LIMITED', {
        params: { retryAfterSeconds },
        headers: { 'Retry-After': String(retryAfterSeconds) },
      });
      return;
    }

    const heldBack = options.logThrottle.admit(`rate-limit-store:${options.name}`);
    if (heldBack !== undefined) {
      options.logger.error(
        { err: rejection, limiter: options.name, similarErrorsSinceLastLog: heldBack },
        'Rate limit store failed; responding with 503',
      );
    }
    sendGatewayError(request, response, 'SERVICE_UNAVAILABLE', { headers: { 'Retry-After': '1' } });
  });
}
