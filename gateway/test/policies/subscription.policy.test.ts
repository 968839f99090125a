import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NextFunction, Request, Response } from 'express';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { flushRedisPrefix, freePort, uniqueName } from '@gym/testing';
import { LogThrottle } from '../../src/observability/log-throttle.js';
import { requestState } from '../../src/policies/request-state.js';
import { subscriptionPolicy } from '../../src/policies/subscription.policy.js';
import { SubscriptionStatusStore } from '../../src/subscription/subscription-status.store.js';
import { request, requiredTestEnv } from '@gym/stack';
import { startPolicyApp, type PolicyApp } from '../support/policy-app.js';

const SUSPENDED_TENANT = 'tenant-suspended';

/** Stands in for the JWT policy: the tenant comes from the X-Test-Tenant header. */
function principalFromHeader(request: Request, _response: Response, next: NextFunction): void {
  const tenantId = request.headers['x-test-tenant'];
  if (typeof tenantId === 'string') {
    requestState(request).principal = { tenantId, userId: 'user-1', role: 'ADMIN' };
  }
  next();
}

describe('subscriptionPolicy', () => {
  const redisUrl = requiredTestEnv('TEST_REDIS_URL');
  const prefix = `${uniqueName('gateway-subscription')}:`;
  const logger = pino({ level: 'silent' });
  let redis: Redis;
  let unreachableRedis: Redis;
  let app: PolicyApp;
  let failOpenApp: PolicyApp;

  before(async () => {
    redis = new Redis(redisUrl);
    const store = new SubscriptionStatusStore(redis, prefix);
    await store.save(SUSPENDED_TENANT, 'SUSPENDED', new Date());
    app = await startPolicyApp([
      principalFromHeader,
      subscriptionPolicy({ store, logger, logThrottle: new LogThrottle(10_000) }),
    ]);

    // Nothing listens on this port, and without an offline queue every read fails at once.
    unreachableRedis = new Redis(`redis://127.0.0.1:${await freePort()}`, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => 1_000,
    });
    unreachableRedis.on('error', () => undefined);
    failOpenApp = await startPolicyApp([
      principalFromHeader,
      subscriptionPolicy({
        store: new SubscriptionStatusStore(unreachableRedis, prefix),
        logger,
        logThrottle: new LogThrottle(10_000),
      }),
    ]);
  });

  after(async () => {
    await app?.close();
    await failOpenApp?.close();
    unreachableRedis?.disconnect();
    await flushRedisPrefix(redisUrl, prefix);
    redis?.disconnect();
  });

  const call = (baseUrl: string, method: string, path: string, tenantId?: string) =>
    request(baseUrl, method, path, { headers: tenantId ? { 'x-test-tenant': tenantId } : {} });

  it('suspended tenant gets 403', async () => {
    const response = await call(app.baseUrl, 'POST', '/api/v1/members', SUSPENDED_TENANT);
    assert.equal(response.status, 403);
    assert.equal(response.body.code, 'SUBSCRIPTION_SUSPENDED');
    assert.equal(response.body.path, '/api/v1/members');
  });

  it('suspended tenant reads subscription', async () => {
    const response = await call(app.baseUrl, 'GET', '/api/v1/subscription', SUSPENDED_TENANT);
    assert.equal(response.status, 204);
  });

  it('query string is not path', async () => {
    const response = await call(
      app.baseUrl,
      'GET',
      '/api/v1/subscription?x=/api/v1/members',
      SUSPENDED_TENANT,
    );
    assert.equal(response.status, 204);
  });

  it('tenant without status passes', async () => {
    const response = await call(app.baseUrl, 'POST', '/api/v1/members', 'tenant-unknown');
    assert.equal(response.status, 204);
  });

  it('request without tenant passes', async () => {
    const response = await call(app.baseUrl, 'POST', '/api/v1/members');
    assert.equal(response.status, 204);
  });

  it('unreachable Redis fails open', async () => {
    const response = await call(failOpenApp.baseUrl, 'POST', '/api/v1/members', SUSPENDED_TENANT);
    assert.equal(response.status, 204);
  });
});
