import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { connect } from 'amqplib';
import { deleteBrokerNames, uniqueName } from '../src/index.js';
import { amqpUrl } from './support/test-env.js';

/** Whether the queue or exchange exists, checked passively on a channel of its own. */
async function exists(kind: 'queue' | 'exchange', name: string): Promise<boolean> {
  const connection = await connect(amqpUrl());
  try {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    const check = kind === 'queue' ? channel.checkQueue(name) : channel.checkExchange(name);
    return await check.then(
      () => true,
      () => false,
    );
  } finally {
    await connection.close();
  }
}

describe('deleteBrokerNames', () => {
  test('deletes declared queues and exchanges', async () => {
    const exchange = uniqueName('testing.exchange');
    const queue = uniqueName('testing.queue');
    const connection = await connect(amqpUrl());
    const channel = await connection.createChannel();
    await channel.assertExchange(exchange, 'topic', { durable: false });
    await channel.assertQueue(queue, { durable: false });
    await channel.bindQueue(queue, exchange, '#');
    await connection.close();

    await deleteBrokerNames(amqpUrl(), { exchanges: [exchange], queues: [queue] });

    assert.equal(await exists('queue', queue), false);
    assert.equal(await exists('exchange', exchange), false);
  });

  test('skips names that do not exist', async () => {
    await deleteBrokerNames(amqpUrl(), {
      exchanges: [uniqueName('testing.missing')],
      queues: [uniqueName('testing.missing')],
    });
  });

  test('reports failures after trying every name', async () => {
    const queue = uniqueName('testing.queue');
    const connection = await connect(amqpUrl());
    await (await connection.createChannel()).assertQueue(queue, { durable: false });
    await connection.close();

    // RabbitMQ refuses to delete the predeclared amq.* exchanges.
    const deletion = deleteBrokerNames(amqpUrl(), { exchanges: ['amq.topic'], queues: [queue] });

    await assert.rejects(deletion, (error: AggregateError) => {
      assert.equal(error.errors.length, 1);
      assert.match(String(error.errors[0]), /Deleting exchange "amq\.topic" failed/);
      return true;
    });
    assert.equal(await exists('queue', queue), false, 'the queue was deleted despite the failure');
  });

  test('accepts empty lists', async () => {
    await deleteBrokerNames(amqpUrl(), {});
  });
});
