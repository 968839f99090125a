import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { uniqueName } from '../src/index.js';

describe('uniqueName', () => {
  test('starts with the prefix', () => {
    assert.match(uniqueName('billing.events'), /^billing\.events-[0-9a-f]{12}$/);
  });

  test('never repeats within a run', () => {
    const names = new Set(Array.from({ length: 10_000 }, () => uniqueName('queue')));

    assert.equal(names.size, 10_000);
  });

  test('rejects prefixes unsafe for AMQP or Redis', () => {
    for (const prefix of ['', 'with space', 'glob*', 'slash/name']) {
      assert.throws(() => uniqueName(prefix), /Invalid name prefix/, JSON.stringify(prefix));
    }
  });
});
