import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { flushRedisPrefix, uniqueName } from '@gym/testing';
import { SubscriptionStatusStore } from '../src/subscription/subscription-status.store.js';
import { requiredTestEnv } from '@gym/stack';

describe('SubscriptionStatusStore', () => {
  const redisUrl = requiredTestEnv('TEST_REDIS_URL');
  const prefix = `${uniqueName('gateway-subscription-store')}:`;
  let redis: Redis;
  let store: SubscriptionStatusStore;

  before(() => {
    redis = new Redis(redisUrl);
    store = new SubscriptionStatusStore(redis, prefix);
  });

  after(async () => {
    await flushRedisPrefix(redisUrl, prefix);
    redis?.disconnect();
  });

  it('unknown tenant has no status', async () => {
    assert.equal(await store.find('tenant-none'), undefined);
  });

  it('stores under the key prefix', async () => {
    assert.equal(await store.save('tenant-1', 'PAST_DUE', new Date('2026-01-01T00:00:00Z')), true);
    assert.equal(await store.find('tenant-1'), 'PAST_DUE');
    assert.equal(await redis.hget(`${prefix}gateway:subscription:tenant-1`, 'status'), 'PAST_DUE');
  });

  it('newer change replaces, older is ignored', async () => {
    const base = Date.parse('2026-02-01T00:00:00Z');
    assert.equal(await store.save('tenant-2', 'ACTIVE', new Date(base)), true);
    assert.equal(await store.save('tenant-2', 'SUSPENDED', new Date(base - 1)), false);
    assert.equal(await store.find('tenant-2'), 'ACTIVE');
    assert.equal(await store.save('tenant-2', 'PAST_DUE', new Date(base + 1)), true);
    assert.equal(await store.find('tenant-2'), 'PAST_DUE');
  });

  it('stored value outside the statuses is ignored', async () => {
    await redis.hset(`${prefix}gateway:subscription:tenant-3`, 'status', 'CLOSED');
    assert.equal(await store.find('tenant-3'), undefined);
  });
});
