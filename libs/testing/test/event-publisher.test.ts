import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  bindEventQueue,
  connectEventPublisher,
  deleteBrokerNames,
  uniqueName,
  type CollectedEvent,
  type EventPublisher,
} from '../src/index.js';
import { amqpUrl } from './support/test-env.js';

describe('connectEventPublisher', () => {
  const exchange = uniqueName('publisher.events');
  const env = { AMQP_URL: amqpUrl(), AMQP_EVENTS_EXCHANGE: exchange };
  let publisher: EventPublisher;

  before(async () => {
    publisher = await connectEventPublisher(amqpUrl(), exchange);
  });

  after(async () => {
    await publisher.close();
    await deleteBrokerNames(amqpUrl(), { exchanges: [exchange] });
  });

  test('publishes envelope with a new id', async () => {
    const queue = await bindEventQueue(env, 'member.created');
    try {
      const id = await publisher.publish('member.created', 'tenant-1', { memberId: 'm-1' });

      const [event] = await queue.collect(1);
      const { occurredAt, ...envelope } = event as CollectedEvent & { occurredAt: string };
      assert.deepEqual(envelope, {
        id,
        type: 'member.created',
        version: 1,
        tenantId: 'tenant-1',
        data: { memberId: 'm-1' },
      });
      assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.ok(Math.abs(Date.parse(occurredAt) - Date.now()) < 60_000, `${occurredAt} is not now`);
    } finally {
      await queue.close();
    }
  });

  test('takes a string as occurredAt', async () => {
    const queue = await bindEventQueue(env, 'member.updated');
    try {
      await publisher.publish('member.updated', 'tenant-1', {}, '2026-03-01T09:00:00.000Z');

      const [event] = await queue.collect(1);
      assert.equal(
        (event as { occurredAt?: string } | undefined)?.occurredAt,
        '2026-03-01T09:00:00.000Z',
      );
    } finally {
      await queue.close();
    }
  });

  test('redelivers an event under its id', async () => {
    const queue = await bindEventQueue(env, 'member.deleted');
    try {
      const options = {
        id: 'a5f0c8de-0000-4000-8000-000000000001',
        occurredAt: '2026-03-02T10:00:00.000Z',
      };
      const first = await publisher.publish('member.deleted', 'tenant-1', {}, options);
      const second = await publisher.publish('member.deleted', 'tenant-1', {}, options);

      const events = await queue.collect(2);
      assert.equal(first, options.id);
      assert.equal(second, options.id);
      assert.deepEqual(
        events.map((event) => [event.id, (event as { occurredAt?: string }).occurredAt]),
        [
          [options.id, options.occurredAt],
          [options.id, options.occurredAt],
        ],
      );
    } finally {
      await queue.close();
    }
  });
});
