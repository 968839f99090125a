import { createHash } from 'node:crypto';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import { AppException } from '@gym/errors';

/**
 * Counts attempts per key (an email) in Redis, so the limit holds across every replica. Keys
 * are stored as SHA-256 digests, so Redis stores no email addresses.
 * `consume` raises 429 RATE_LIMITED with Retry-After once `points` attempts were made within
 * `durationSeconds`.
 */
export class AttemptLimiter {
  private readonly limiter: RateLimiterRedis;

  constructor(
    redis: Redis,
    name: string,
    points: number,
    durationSeconds: number,
    keyPrefix: string,
  ) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keyPrefix}limit:${name}`,
      points,
      duration: durationSeconds,
    });
  }

  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(digest(key));
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        throw rateLimited(error);
      }
      throw error;
    }
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(digest(key));
  }
}

function digest(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

function rateLimited(state: RateLimiterRes): AppException {
  const retryAfterSeconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  return new AppException('RATE_LIMITED', { retryAfterSeconds }, undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
}
