import amqp from 'amqplib';
import { uniqueName } from './unique-name.js';

/** One delivered envelope; `Data` lets a test name the shape of the payload it reads. */
export interface CollectedEvent<Data = Record<string, unknown>> {
  id: string;
  type: string;
  tenantId: string;
  data: Data;
}

/**
 * Binds a fresh exclusive queue to the service's event exchange for one routing key, as a
 * consuming service would, and collects what arrives.
 */
export async function bindEventQueue<Data = Record<string, unknown>>(
  env: Record<string, string>,
  routingKey: string,
  amqpUrl = env.AMQP_URL!,
) {
  const connection = await amqp.connect(amqpUrl);
  const channel = await connection.createChannel();
  await channel.assertExchange(env.AMQP_EVENTS_EXCHANGE!, 'topic', { durable: true });
  const { queue } = await channel.assertQueue(uniqueName('probe'), {
    exclusive: true,
    durable: false,
  });
  await channel.bindQueue(queue, env.AMQP_EVENTS_EXCHANGE!, routingKey);

  const received: CollectedEvent<Data>[] = [];
  await channel.consume(queue, (message) => {
    if (message) {
      received.push(JSON.parse(message.content.toString()) as CollectedEvent<Data>);
      channel.ack(message);
    }
  });

  return {
    received,
    /** Waits until `count` events arrived, then `settleMs` longer to catch duplicates. */
    async collect(count: number, options: { timeoutMs?: number; settleMs?: number } = {}) {
      const deadline = Date.now() + (options.timeoutMs ?? 15_000);
      while (received.length < count && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 0));
      return [...received];
    },
    async close() {
      await channel.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
    },
  };
}
