import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';

export interface PublishOptions {
  /** Event id. Publishing an id again redelivers the same event. */
  id?: string;
  occurredAt?: string;
}

/** Publishes events in the platform envelope to a service's exchange, as the services' outbox relays do. */
export interface EventPublisher {
  /** Publishes one event and returns its id. A string as the fourth argument is its occurredAt. */
  publish(
    type: string,
    tenantId: string,
    data: Record<string, unknown>,
    options?: string | PublishOptions,
  ): Promise<string>;
  close(): Promise<void>;
}

export async function connectEventPublisher(
  amqpUrl: string,
  exchange: string,
): Promise<EventPublisher> {
  const connection = await amqp.connect(amqpUrl);
  const channel = await connection.createConfirmChannel();
  await channel.assertExchange(exchange, 'topic', { durable: true });

  return {
    async publish(type, tenantId, data, options = {}) {
      const { id = randomUUID(), occurredAt = new Date().toISOString() } =
        typeof options === 'string' ? { occurredAt: options } : options;

      const envelope = { id, type, version: 1, occurredAt, tenantId, data };
      channel.publish(exchange, type, Buffer.from(JSON.stringify(envelope)), {
        persistent: true,
        contentType: 'application/json',
        messageId: id,
      });
      await channel.waitForConfirms();
      return id;
    },
    async close() {
      await channel.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
    },
  };
}
