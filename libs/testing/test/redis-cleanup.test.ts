import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { flushRedisPrefix, uniqueName } from '../src/index.js';
import { redisUrl } from './support/test-env.js';

describe('flushRedisPrefix', () => {
  test('deletes only the keys of the prefix', async (t) => {
    const prefix = `${uniqueName('testing')}:`;
    const other = `${uniqueName('testing')}:`;
    const redis = new Redis(redisUrl());
    t.after(async () => {
      await redis.del(`${other}kept`);
      redis.disconnect();
    });
    const keys = Array.from({ length: 1200 }, (_, index) => `${prefix}key:${index}`);
    await redis.mset(...keys.flatMap((key) => [key, '1']), `${other}kept`, '1');

    const deleted = await flushRedisPrefix(redisUrl(), prefix);

    assert.equal(deleted, 1200);
    assert.equal(await redis.exists(...keys.slice(0, 50)), 0);
    assert.equal(await redis.exists(`${other}kept`), 1);
  });

  test('matches glob characters literally', async (t) => {
    const base = uniqueName('testing');
    const redis = new Redis(redisUrl());
    t.after(async () => {
      await redis.del(`${base}-other:1`, `${base}*:1`);
      redis.disconnect();
    });
    await redis.mset(`${base}*:1`, '1', `${base}-other:1`, '1');

    const deleted = await flushRedisPrefix(redisUrl(), `${base}*`);

    assert.equal(deleted, 1);
    assert.equal(await redis.exists(`${base}-other:1`), 1, 'the * did not act as a wildcard');
  });

  test('rejects an empty prefix', async () => {
    await assert.rejects(flushRedisPrefix(redisUrl(), ''), /prefix is empty/);
  });
});
