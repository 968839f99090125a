import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '@gym/logging';
import { canonicalJson, requestFingerprint, resolveIdempotencyOptions } from '../../src/index.js';

describe('request fingerprint', () => {
  it('ignores object key order', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } }),
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    assert.equal(
      requestFingerprint('post', '/payments', { amount: '1.00', method: 'CASH' }),
      requestFingerprint('POST', '/payments', { method: 'CASH', amount: '1.00' }),
    );
  });

  it('differs by method, path and body', () => {
    const base = requestFingerprint('POST', '/payments', { amount: '1.00' });
    assert.notEqual(requestFingerprint('PUT', '/payments', { amount: '1.00' }), base);
    assert.notEqual(requestFingerprint('POST', '/payments/1', { amount: '1.00' }), base);
    assert.notEqual(requestFingerprint('POST', '/payments', { amount: '1.0' }), base);
    assert.notEqual(requestFingerprint('POST', '/payments', undefined), base);
  });
});

describe('idempotency options', () => {
  const logger = createLogger({ serviceName: 'idempotency-unit', level: 'silent' });

  it('retention below 24 hours is rejected', () => {
    assert.throws(() => resolveIdempotencyOptions({ logger, retentionHours: 23 }), /at least 24/);
    assert.equal(resolveIdempotencyOptions({ logger }).retentionHours, 24);
  });

  it('negative wait is rejected', () => {
    assert.throws(
      () => resolveIdempotencyOptions({ logger, inProgressWaitMs: -1 }),
      /inProgressWaitMs/,
    );
  });
});
