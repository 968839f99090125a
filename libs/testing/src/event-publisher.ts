import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';

/** Publishes events in the platform envelope to a service's exchange, as the services' outbox relays do. */
export interface EventPublisher {
  publish(
    type: string,
    tenantId: string,
    data: Record<string, unknown>,
    occurredAt?: string,
  ): Promise<void>;
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
    async publish(type, tenantId, data, occurredAt = new Date().toISOString()) {
      const envelope = { id: randomUUID(), type, version: 1, occurredAt, tenantId, data };
      channel.publish(exchange, type, Buffer.from(JSON.stringify(envelope)), {
        persistent: true,
        contentType: 'application/json',
        messageId: envelope.id,
      });
      await channel.waitForConfirms();
    },
    async close() {
      await channel.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
    },
  };
}
