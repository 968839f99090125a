import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import {
  eventTopologyNames,
  messagingMigrationSql,
  resolveMessagingOptions,
  type MessagingOptions,
} from '../src/index.js';
import { retryQueueFor } from '../src/event-topology.js';

const base: MessagingOptions = {
  url: 'amqp://guest:guest@127.0.0.1:5672',
  serviceName: 'membership',
  exchange: 'gym.events',
  logger: pino({ level: 'silent' }),
};

describe('messaging options', () => {
  test('defaults fill every setting', () => {
    const options = resolveMessagingOptions(base);

    assert.deepEqual(options.subscriptions, []);
    assert.equal(options.prefetch, 10);
    assert.deepEqual(options.retry, { maxAttempts: 5, backoffMs: [1000, 5000, 30000, 120000] });
    assert.equal(options.outbox.retentionHours, 72);
    assert.equal(options.outbox.wakeDelayMs, 10);
    assert.equal(
      resolveMessagingOptions({ ...base, outbox: { wakeDelayMs: 0 } }).outbox.wakeDelayMs,
      0,
    );
    assert.equal(options.rpc.timeoutMs, 3000);
    assert.equal(options.rpc.breaker.resetTimeoutMs, 10_000);
  });

  test('invalid settings name the option', () => {
    assert.throws(
      () => resolveMessagingOptions({ ...base, url: '' }),
      /Missing messaging option url/,
    );
    assert.throws(
      () => resolveMessagingOptions({ ...base, serviceName: 'bad name' }),
      /serviceName/,
    );
    assert.throws(() => resolveMessagingOptions({ ...base, prefetch: 0 }), /prefetch/);
    assert.throws(
      () => resolveMessagingOptions({ ...base, retry: { backoffMs: [] } }),
      /retry\.backoffMs/,
    );
    assert.throws(
      () => resolveMessagingOptions({ ...base, retry: { backoffMs: [100, -1] } }),
      /retry\.backoffMs\[1\]/,
    );
    assert.throws(
      () => resolveMessagingOptions({ ...base, outbox: { wakeDelayMs: -1 } }),
      /outbox\.wakeDelayMs: expected 0 or more/,
    );
    assert.throws(
      () => resolveMessagingOptions({ ...base, subscriptions: ['membership.member.*'] }),
      /without wildcards/,
    );
  });

  test('duplicate subscriptions are merged', () => {
    const options = resolveMessagingOptions({
      ...base,
      subscriptions: ['identity.user.created', 'identity.user.created'],
    });

    assert.deepEqual(options.subscriptions, ['identity.user.created']);
  });
});

describe('event topology', () => {
  const options = resolveMessagingOptions({
    ...base,
    serviceName: 'reporting',
    retry: { maxAttempts: 5, backoffMs: [100, 500, 500, 2000] },
  });
  const names = eventTopologyNames(options);

  test('names derive from service and exchange', () => {
    assert.equal(names.exchange, 'gym.events');
    assert.equal(names.queue, 'reporting.events');
    assert.equal(names.deadLetterExchange, 'reporting.events.dlx');
    assert.equal(names.deadLetterQueue, 'reporting.events.dlq');
    assert.deepEqual(
      names.retryQueues.map((queue) => queue.name),
      [
        'reporting.events.retry.100ms',
        'reporting.events.retry.500ms',
        'reporting.events.retry.2000ms',
      ],
    );
  });

  test('retry n waits the n-th backoff and the last repeats', () => {
    assert.equal(retryQueueFor(names, options.retry.backoffMs, 1), 'reporting.events.retry.100ms');
    assert.equal(retryQueueFor(names, options.retry.backoffMs, 2), 'reporting.events.retry.500ms');
    assert.equal(retryQueueFor(names, options.retry.backoffMs, 4), 'reporting.events.retry.2000ms');
    assert.equal(retryQueueFor(names, options.retry.backoffMs, 9), 'reporting.events.retry.2000ms');
  });
});

describe('messaging migration', () => {
  test('statements target the given schema', () => {
    const { up, down } = messagingMigrationSql('billing');

    assert.ok(
      up.some((statement) =>
        statement.includes('CREATE TABLE IF NOT EXISTS "billing"."outbox_event"'),
      ),
    );
    assert.ok(
      up.some((statement) =>
        statement.includes('CREATE TABLE IF NOT EXISTS "billing"."inbox_message"'),
      ),
    );
    assert.ok(
      up.some((statement) =>
        /ON "billing"."outbox_event" \("position"\) WHERE "sent_at" IS NULL/.test(statement),
      ),
    );
    assert.deepEqual(down, [
      'DROP TABLE IF EXISTS "billing"."inbox_message"',
      'DROP TABLE IF EXISTS "billing"."outbox_event"',
    ]);
  });

  test('schema names are quoted', () => {
    const { up } = messagingMigrationSql('odd"schema');

    assert.ok(up[0]!.includes('"odd""schema"."outbox_event"'));
  });

  test('missing schema is rejected', () => {
    assert.throws(() => messagingMigrationSql(''), /Missing schema/);
  });
});
