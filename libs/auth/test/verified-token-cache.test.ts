import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VerifiedTokenCache } from '../src/verified-token-cache.js';

const principal = { userId: 'user-1', tenantId: 'tenant-1', role: 'STAFF' };

function cacheAt(start: number, maxAgeMs = 60_000) {
  const clock = { now: start };
  const cache = new VerifiedTokenCache<typeof principal>({
    maxEntries: 2,
    maxAgeMs,
    now: () => clock.now,
  });
  return { cache, clock };
}

describe('VerifiedTokenCache', () => {
  it('serves a token until exp', () => {
    const { cache, clock } = cacheAt(1_000_000);
    cache.set('token-a', principal, 1_000 + 30);

    clock.now = 1_029_999;
    assert.deepEqual(cache.get('token-a'), principal, 'before exp');
    clock.now = 1_030_001;
    assert.equal(cache.get('token-a'), undefined, 'after exp');
  });

  it('stops at the maximum age first', () => {
    const { cache, clock } = cacheAt(1_000_000, 10_000);
    cache.set('token-a', principal, 1_000 + 900);

    clock.now = 1_009_999;
    assert.deepEqual(cache.get('token-a'), principal);
    clock.now = 1_010_001;
    assert.equal(cache.get('token-a'), undefined);
  });

  it('ignores a token already expired', () => {
    const { cache } = cacheAt(1_000_000);
    cache.set('token-a', principal, 999);

    assert.equal(cache.get('token-a'), undefined);
  });

  it('drops the least recently used token', () => {
    const { cache } = cacheAt(1_000_000);
    cache.set('token-a', principal, 2_000);
    cache.set('token-b', principal, 2_000);
    cache.get('token-a');
    cache.set('token-c', principal, 2_000);

    assert.deepEqual(cache.get('token-a'), principal);
    assert.equal(cache.get('token-b'), undefined);
    assert.deepEqual(cache.get('token-c'), principal);
  });

  it('matches only the exact token text', () => {
    const { cache } = cacheAt(1_000_000);
    cache.set('header.payload.signature', principal, 2_000);

    assert.equal(cache.get('header.payload.signaturf'), undefined);
  });
});
