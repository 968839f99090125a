import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { Counter, Gauge, Histogram, register } from 'prom-client';
import {
  collectDefaultMetricsOnce,
  getOrCreateCounter,
  getOrCreateGauge,
  getOrCreateHistogram,
} from '../src/index.js';

function metricName(kind: string): string {
  return `factory_test_${kind}_${randomUUID().replaceAll('-', '')}`;
}

describe('getOrCreate metrics', () => {
  test('reuses a registered counter', () => {
    const name = metricName('events_total');

    const first = getOrCreateCounter({ name, help: 'Events', labelNames: ['kind'] });
    const second = getOrCreateCounter({ name, help: 'Events', labelNames: ['kind'] });

    assert.ok(first instanceof Counter);
    assert.equal(second, first);
    assert.equal(register.getSingleMetric(name), first);
  });

  test('reuses a metric another module registered', () => {
    const name = metricName('depth');
    const registeredElsewhere = new Gauge({ name, help: 'Queue depth' });

    assert.equal(getOrCreateGauge({ name, help: 'Queue depth' }), registeredElsewhere);
  });

  test('creates one histogram per name', () => {
    const name = metricName('seconds');

    const histogram = getOrCreateHistogram({ name, help: 'Durations', buckets: [0.1, 1] });

    assert.ok(histogram instanceof Histogram);
    assert.equal(getOrCreateHistogram({ name, help: 'Durations' }), histogram);
  });

  test('rejects a name of another type', () => {
    const name = metricName('mixed');
    getOrCreateGauge({ name, help: 'A gauge' });

    assert.throws(
      () => getOrCreateCounter({ name, help: 'A counter' }),
      /already registered as a Gauge/,
    );
  });
});

describe('collectDefaultMetricsOnce', () => {
  test('registers default metrics once', async () => {
    collectDefaultMetricsOnce();
    collectDefaultMetricsOnce();

    const text = await register.metrics();
    assert.equal(text.match(/^# TYPE process_cpu_user_seconds_total /gm)?.length, 1);
  });
});
