import { randomUUID } from 'node:crypto';
import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';

/** Publishes events to a topic exchange as the services' outbox relays do, with confirms. */
export class EventPublisher {
  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: ConfirmChannel,
    private readonly exchange: string,
  ) {}

  static async open(url: string, exchange: string): Promise<EventPublisher> {
    const connection = await connect(url);
    const channel = await connection.createConfirmChannel();
    return new EventPublisher(connection, channel, exchange);
  }

  /** Publishes a billing subscription status change for `tenantId` and returns its event id. */
  async publishStatusChange(
    tenantId: string,
    status: string,
    previousStatus: string | null,
    changedAt = new Date(),
  ): Promise<string> {
    const id = randomUUID();
    await this.publishRaw(
      'billing.subscription.status-changed',
      Buffer.from(
        JSON.stringify({
          id,
          type: 'billing.subscription.status-changed',
          version: 1,
          occurredAt: changedAt.toISOString(),
          tenantId,
          data: {
            tenantId,
            status,
            previousStatus,
            plan: 'STANDARD',
            trialEndsAt: new Date(changedAt.getTime() + 14 * 86_400_000).toISOString(),
            changedAt: changedAt.toISOString(),
            source: 'operator',
          },
        }),
      ),
      id,
    );
    return id;
  }

  /** Publishes any bytes with `routingKey`, and resolves once the broker confirms them. */
  async publishRaw(routingKey: string, content: Buffer, messageId = randomUUID()): Promise<void> {
    this.channel.publish(this.exchange, routingKey, content, {
      persistent: true,
      messageId,
      contentType: 'application/json',
    });
    await this.channel.waitForConfirms();
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
