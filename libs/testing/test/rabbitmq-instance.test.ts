import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import {
  listConnectionStates,
  startRabbitMqInstance,
  uniqueName,
  type RabbitMqInstance,
} from '../src/index.js';

const CLIENT_NAME = 'rabbitmq-instance-test';

/** How long a confirm may take on an idle node before it counts as held back. */
const CONFIRM_WAIT_MS = 2_000;

/**
 * Publishes one message to `queue` on a confirm channel. `within` resolves with whether the broker
 * confirmed it, or with 'pending' when no confirm came within `waitMs`.
 */
function publishConfirmed(
  channel: ConfirmChannel,
  queue: string,
  body: string,
): { within(waitMs: number): Promise<boolean | 'pending'> } {
  const confirmed = new Promise<boolean>((resolve) => {
    channel.sendToQueue(queue, Buffer.from(body), {}, (error: unknown) => resolve(!error));
  });
  return {
    within: (waitMs) =>
      Promise.race([
        confirmed,
        new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), waitMs)),
      ]),
  };
}

describe('RabbitMqInstance', () => {
  let rabbit: RabbitMqInstance;
  let connection: ChannelModel;

  before(async () => {
    rabbit = await startRabbitMqInstance();
    connection = await connect(rabbit.url, { clientProperties: { connection_name: CLIENT_NAME } });
  });

  after(async () => {
    await connection?.close().catch(() => undefined);
    await rabbit?.close();
  });

  test('rabbitmqctl lists the private node queues', async () => {
    const queue = uniqueName('ctl-check');
    const channel = await connection.createChannel();
    await channel.assertQueue(queue, { durable: false });
    await channel.close();

    const output = await rabbit.rabbitmqctl(['list_queues', '--quiet', 'name']);

    assert.ok(output.split('\n').includes(queue), `${queue} not in the output:\n${output}`);
  });

  test('failed rabbitmqctl names the command', async () => {
    await assert.rejects(
      rabbit.rabbitmqctl(['no_such_command']),
      /rabbitmqctl no_such_command failed/,
    );
  });

  test('memory alarm holds confirms until cleared', async (t) => {
    const queue = uniqueName('alarm-check');
    const channel = await connection.createConfirmChannel();
    await channel.assertQueue(queue, { durable: false });
    assert.equal(
      await publishConfirmed(channel, queue, 'before').within(CONFIRM_WAIT_MS),
      true,
      'the broker confirms before the alarm',
    );

    await rabbit.rabbitmqctl(['set_vm_memory_high_watermark', '0']);
    let pendingPublishes: ReturnType<typeof publishConfirmed>[] = [];
    try {
      pendingPublishes = ['first', 'second', 'third'].map((body) =>
        publishConfirmed(channel, queue, body),
      );
      const states = await Promise.all(
        pendingPublishes.map((item) => item.within(CONFIRM_WAIT_MS)),
      );
      t.diagnostic(`confirms under the alarm: ${JSON.stringify(states)}`);
      assert.ok(
        states.includes('pending'),
        `the alarm held back no confirm: ${JSON.stringify(states)}`,
      );
      assert.deepEqual(await listConnectionStates(rabbit), [
        { name: CLIENT_NAME, state: 'blocked' },
      ]);
    } finally {
      await rabbit.rabbitmqctl(['set_vm_memory_high_watermark', '0.4']);
    }

    const confirmed = await Promise.all(pendingPublishes.map((item) => item.within(10_000)));
    assert.deepEqual(confirmed, [true, true, true], 'every confirm arrives after the alarm');
    assert.deepEqual(await listConnectionStates(rabbit), [{ name: CLIENT_NAME, state: 'running' }]);
  });
});
