import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';

export interface PublishOptions {
  /** Event id; a repeated id is a redelivery of the same event. */
  id?: string;
  occurredAt?: string;
}

/** Publishes events in the platform envelope to the exchange reporting consumes from, as the owners do. */
export interface EventPublisher {
  /** Publishes one event and returns its id. */
  publish(
    type: string,
    tenantId: string,
    data: Record<string, unknown>,
    options?: PublishOptions,
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
      const id = options.id ?? randomUUID();
      const occurredAt = options.occurredAt ?? new Date().toISOString();
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
