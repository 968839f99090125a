import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';

/** Publishes events in identity's envelope to the exchange membership consumes from. */
export interface IdentityEventPublisher {
  publish(
    type: string,
    tenantId: string,
    data: Record<string, unknown>,
    occurredAt?: string,
  ): Promise<void>;
  close(): Promise<void>;
}

export async function connectIdentityPublisher(
  amqpUrl: string,
  exchange: string,
): Promise<IdentityEventPublisher> {
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
