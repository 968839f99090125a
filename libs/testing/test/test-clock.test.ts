import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TestClock } from '../src/index.js';

describe('TestClock', () => {
  test('follows real time until set', () => {
    const clock = new TestClock();

    const before = Date.now();
    const now = clock.now().getTime();
    const afterwards = Date.now();

    assert.ok(now >= before, `${now} is before ${before}`);
    assert.ok(now <= afterwards, `${now} is after ${afterwards}`);
  });

  test('returns the set instant from a string or a Date', () => {
    const clock = new TestClock();

    clock.set('2026-03-01T09:00:00Z');
    assert.equal(clock.now().toISOString(), '2026-03-01T09:00:00.000Z');

    clock.set(new Date('2026-04-15T12:30:00Z'));
    assert.equal(clock.now().toISOString(), '2026-04-15T12:30:00.000Z');
  });

  test('returns copies of the fixed instant', () => {
    const clock = new TestClock();
    clock.set('2026-03-01T09:00:00Z');

    clock.now().setUTCFullYear(2000);

    assert.equal(clock.now().toISOString(), '2026-03-01T09:00:00.000Z');
  });

  test('copies the Date it is set to', () => {
    const clock = new TestClock();
    const instant = new Date('2026-03-01T09:00:00Z');
    clock.set(instant);

    instant.setUTCFullYear(2000);

    assert.equal(clock.now().toISOString(), '2026-03-01T09:00:00.000Z');
  });

  test('follows real time again after reset', () => {
    const clock = new TestClock();
    clock.set('2000-01-01T00:00:00Z');

    clock.reset();

    assert.ok(clock.now().getUTCFullYear() > 2000, 'the clock is still fixed in 2000');
  });
});
