import type { Channel, ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { addDeadLetterQueue } from '@gym/telemetry';
import type { BrokerConnection, BrokerParticipant } from './broker-connection.js';
import { EventDeliveryHandler, type EventHandler } from './event-delivery.js';
import {
  declareEventTopology,
  eventTopologyNames,
  type EventTopologyNames,
} from './event-topology.js';
import { InboxMessage } from './inbox-message.entity.js';
import type { ResolvedMessagingOptions } from './messaging.options.js';

const HOUR_MS = 3_600_000;

/**
 * Consumes the service's event queue. Each delivery runs its handler in a database transaction
 * together with the inbox row, and is acknowledged only after the commit.
 */
export class EventConsumer implements BrokerParticipant {
  readonly name = 'event-consumer';
  readonly names: EventTopologyNames;
  private readonly handlers = new Map<string, EventHandler>();
  private readonly delivery: EventDeliveryHandler;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly logger: Logger;
  private channel: ConfirmChannel | undefined;
  private attachedTo: ChannelModel | undefined;
  private consumerTag: string | undefined;
  private purgeTimer: NodeJS.Timeout | undefined;
  private started = false;
  private stopping = false;
  private removeDeadLetterGauge: (() => void) | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly connection: BrokerConnection,
    private readonly options: ResolvedMessagingOptions,
  ) {
    this.names = eventTopologyNames(options);
    this.delivery = new EventDeliveryHandler(dataSource, options, this.names, this.handlers);
    this.logger = options.logger.child({ component: 'event-consumer' });
  }

  /** Registers the handler of one routing key. Call it before start(), for example in a module's onModuleInit. */
  register<T = unknown>(routingKey: string, handler: EventHandler<T>): void {
    if (this.started)
      throw new Error(
        `Cannot register a handler for ${routingKey} after the event consumer has started`,
      );
    if (this.handlers.has(routingKey)) {
      throw new Error(
        `A handler for routing key ${routingKey} is already registered in ${this.options.serviceName}: each key has exactly one handler`,
      );
    }
    this.handlers.set(routingKey, handler as EventHandler);
  }

  /** Checks that every subscribed routing key has a handler and every handler's key is subscribed. */
  verifyHandlers(): void {
    for (const routingKey of this.options.subscriptions) {
      if (!this.handlers.has(routingKey)) {
        throw new Error(
          `No handler registered for bound routing key ${routingKey} in ${this.options.serviceName}: register one or remove the key from subscriptions`,
        );
      }
    }
    for (const routingKey of this.handlers.keys()) {
      if (!this.options.subscriptions.includes(routingKey)) {
        throw new Error(
          `Handler registered for routing key ${routingKey}, which is not bound in ${this.options.serviceName}: add it to subscriptions`,
        );
      }
    }
  }

  /** Verifies the handlers, declares the queues and starts consuming. Without subscriptions it does nothing. */
  async start(): Promise<void> {
    this.verifyHandlers();
    if (this.started || this.options.subscriptions.length === 0) return;

    this.started = true;
    this.stopping = false;
    await this.connection.addParticipant(this);
    this.removeDeadLetterGauge = addDeadLetterQueue(this.names.deadLetterQueue, () =>
      this.connection.countMessages(this.names.deadLetterQueue),
    );

    this.purgeTimer = setInterval(
      () => void this.purgeInbox(),
      this.options.outbox.purgeIntervalMs,
    );
    this.purgeTimer.unref();
  }

  async declareTopology(channel: Channel): Promise<void> {
    await declareEventTopology(channel, this.names, this.options.subscriptions);
  }

  async attach(connection: ChannelModel): Promise<void> {
    if (this.stopping || this.attachedTo === connection) return;
    this.attachedTo = connection;

    try {
      await this.openChannel(connection);
    } catch (error) {
      this.attachedTo = undefined;
      throw error;
    }
    this.logger.info(
      { queue: this.names.queue, prefetch: this.options.prefetch },
      'Consuming events',
    );
  }

  private async openChannel(connection: ChannelModel): Promise<void> {
    const channel = await connection.createConfirmChannel();
    channel.on('error', (error) =>
      this.logger.warn({ err: error }, 'Event consumer channel error'),
    );
    channel.on('close', () => this.handleChannelClosed(channel, connection));
    await channel.prefetch(this.options.prefetch);
    this.channel = channel;

    const { consumerTag } = await channel.consume(
      this.names.queue,
      (message) => this.dispatch(channel, message),
      { noAck: false },
    );
    this.consumerTag = consumerTag;
  }

  detach(): void {
    this.channel = undefined;
    this.attachedTo = undefined;
    this.consumerTag = undefined;
  }

  /** Cancels the consumer, waits for the handlers in progress and closes the channel. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.purgeTimer);
    this.removeDeadLetterGauge?.();
    this.connection.removeParticipant(this);

    const channel = this.channel;
    if (channel && this.consumerTag) {
      await channel
        .cancel(this.consumerTag)
        .catch((error: unknown) =>
          this.logger.warn({ err: error }, 'Cancelling the event consumer failed'),
        );
    }

    await Promise.allSettled([...this.inFlight]);
    this.detach();
    await channel?.close().catch(() => undefined);
    this.started = false;
  }

  /** Deletes this consumer's inbox rows older than the retention period and returns how many were deleted. */
  async purgeInbox(): Promise<number> {
    try {
      const cutoff = new Date(Date.now() - this.options.inbox.retentionHours * HOUR_MS);
      const result = await this.dataSource
        .createQueryBuilder()
        .delete()
        .from(InboxMessage)
        .where('consumer = :consumer AND processed_at < :cutoff', {
          consumer: this.options.serviceName,
          cutoff,
        })
        .execute();
      return result.affected ?? 0;
    } catch (error) {
      this.logger.error({ err: error }, 'Purging old inbox rows failed');
      return 0;
    }
  }

  private dispatch(channel: ConfirmChannel, message: ConsumeMessage | null): void {
    if (!message) {
      this.logger.warn({ queue: this.names.queue }, 'The broker cancelled the event consumer');
      return;
    }

    const processing = this.delivery
      .handle(channel, message)
      .catch((error: unknown) =>
        this.logger.error(
          { err: error, messageId: message.properties.messageId },
          'Processing an event delivery failed',
        ),
      )
      .finally(() => this.inFlight.delete(processing));
    this.inFlight.add(processing);
  }

  private handleChannelClosed(channel: ConfirmChannel, connection: ChannelModel): void {
    if (this.channel !== channel || this.stopping) return;

    this.detach();
    this.connection.scheduleReattach(this, connection);
  }
}
