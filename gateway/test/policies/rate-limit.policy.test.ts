import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { Counter, Registry } from 'prom-client';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { flushRedisPrefix, freePort, uniqueName } from '@gym/testing';
import { LogThrottle } from '../../src/observability/log-throttle.js';
import { rateLimitPolicy } from '../../src/policies/rate-limit.policy.js';
import { request, requiredTestEnv } from '@gym/stack';
import { startPolicyApp, type PolicyApp } from '../support/policy-app.js';

const logger = pino({ level: 'silent' });

function rejectionsCounter() {
  return new Counter({
    name: 'test_rate_limit_rejections_total',
    help: 'test',
    labelNames: ['limiter'],
    registers: [new Registry()],
  });
}

describe('rateLimitPolicy', () => {
  const redisUrl = requiredTestEnv('TEST_REDIS_URL');
  const prefix = `${uniqueName('gateway-rl')}:`;
  let redis: Redis;
  let unreachable: Redis;
  let limited: PolicyApp;
  let broken: PolicyApp;

  before(async () => {
    redis = new Redis(redisUrl, { enableOfflineQueue: false });
    await new Promise((resolve) => redis.once('ready', resolve));
    const limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}client`,
      points: 2,
      duration: 30,
    });
    limited = await startPolicyApp([
      rateLimitPolicy({
        name: 'client',
        limiter,
        rejections: rejectionsCounter(),
        logger,
        logThrottle: new LogThrottle(1_000),
      }),
    ]);

    unreachable = new Redis(`redis://127.0.0.1:${await freePort()}`, {
      enableOfflineQueue: false,
      retryStrategy: () => 1_000,
    });
    unreachable.on('error', () => undefined);
    broken = await startPolicyApp([
      rateLimitPolicy({
        name: 'client',
        limiter: new RateLimiterRedis({
          storeClient: unreachable,
          keyPrefix: `${prefix}broken`,
          points: 2,
          duration: 30,
          rejectIfRedisNotReady: true,
        }),
        rejections: rejectionsCounter(),
        logger,
        logThrottle: new LogThrottle(1_000),
      }),
    ]);
  });

  after(async () => {
    await limited?.close();
    await broken?.close();
    redis?.disconnect();
    unreachable?.disconnect();
    await flushRedisPrefix(redisUrl, prefix);
  });

  it('rejects with 429 once budget is used', async () => {
    assert.equal((await request(limited.baseUrl, 'GET', '/')).status, 204);
    assert.equal((await request(limited.baseUrl, 'GET', '/')).status, 204);

    const rejected = await request(limited.baseUrl, 'GET', '/', {
      headers: { 'accept-language': 'en' },
    });
    assert.equal(rejected.status, 429);
    assert.equal(rejected.body.code, 'RATE_LIMITED');
    const retryAfter = Number(rejected.headers.get('retry-after'));
    assert.ok(retryAfter >= 1, `Retry-After ${retryAfter} is at least 1`);
    assert.ok(retryAfter <= 30, `Retry-After ${retryAfter} is within the window`);
    assert.equal(rejected.body.message, `Too many requests. Try again in ${retryAfter} seconds.`);
  });

  it('responds 503 at once without Redis', async () => {
    const startedAt = performance.now();
    const response = await request(broken.baseUrl, 'GET', '/');
    assert.equal(response.status, 503);
    assert.equal(response.body.code, 'SERVICE_UNAVAILABLE');
    assert.equal(response.headers.get('retry-after'), '1');
    assert.ok(performance.now() - startedAt < 500, 'no wait for Redis');
  });
});
