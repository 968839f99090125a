import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import amqp from 'amqplib';
import { startRabbitMqInstance, uniqueName, type RabbitMqInstance } from '@gym/testing';
import { startIdentity, type IdentityHarness } from './support/identity-harness.js';
import { signUp } from './support/signup-flow.js';

/** Declares a durable queue bound to the exchange, so it survives the broker restart. */
async function declareDurableProbe(
  url: string,
  exchange: string,
  routingKey: string,
): Promise<string> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createChannel();
    await channel.assertExchange(exchange, 'topic', { durable: true });
    const queue = uniqueName('probe');
    await channel.assertQueue(queue, { durable: true });
    await channel.bindQueue(queue, exchange, routingKey);
    return queue;
  } finally {
    await connection.close();
  }
}

/** Reads every message of the queue, polling until `count` arrived or the deadline passed. */
async function drain(url: string, queue: string, count: number, timeoutMs: number) {
  const connection = await amqp.connect(url);
  const messages: { id: string; tenantId: string }[] = [];
  try {
    const channel = await connection.createChannel();
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const message = await channel.get(queue, { noAck: true });
      if (message) {
        messages.push(JSON.parse(message.content.toString()));
        continue;
      }
      if (messages.length >= count) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const late = await channel.get(queue, { noAck: true });
        if (!late) break;
        messages.push(JSON.parse(late.content.toString()));
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return messages;
  } finally {
    await connection.close();
  }
}

describe('signup while RabbitMQ is down', () => {
  let broker: RabbitMqInstance;
  let harness: IdentityHarness;

  before(async () => {
    broker = await startRabbitMqInstance();
    harness = await startIdentity({ AMQP_URL: broker.url });
  });
  after(async () => {
    await harness?.close();
    await broker?.close();
  });

  it('publishes tenant.created exactly once after the broker comes back', async () => {
    const exchange = harness.env.AMQP_EVENTS_EXCHANGE!;
    const queue = await declareDurableProbe(broker.url, exchange, 'identity.tenant.created');

    await broker.stop();
    const owner = await signUp(harness);
    const pending = await harness.dataSource.query(
      `SELECT count(*)::int AS count FROM identity.outbox_event WHERE tenant_id = $1`,
      [owner.tenant.id],
    );
    assert.ok(pending[0].count >= 1, 'the event waits in the outbox while the broker is down');

    await broker.start();
    const messages = await drain(broker.url, queue, 1, 30_000);
    const created = messages.filter((message) => message.tenantId === owner.tenant.id);
    assert.equal(created.length, 1, `expected one tenant.created, got ${created.length}`);
  });
});
