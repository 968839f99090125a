import {
  connect,
  type Channel,
  type ChannelModel,
  type ConsumeMessage,
  type RecoveringChannelModel,
} from 'amqplib';
import type { Logger } from 'pino';
import { addDeadLetterQueue, eventsConsumedCounter } from '@gym/telemetry';
import {
  MalformedSubscriptionEventError,
  parseSubscriptionStatusChange,
  SUBSCRIPTION_STATUS_CHANGED,
} from './subscription-event.js';
import type { SubscriptionStatusStore } from './subscription-status.store.js';

export interface SubscriptionEventsConsumerOptions {
  url: string;
  exchange: string;
  /** Prefix of the gateway's queue names, `<prefix>gateway.events`. */
  queuePrefix: string;
  store: SubscriptionStatusStore;
  logger: Logger;
  /** Pause before a delivery whose Redis write failed is requeued, in milliseconds. */
  retryDelayMs?: number;
}

/** Names of the broker objects the gateway declares. */
export function subscriptionQueueNames(queuePrefix: string) {
  const queue = `${queuePrefix}gateway.events`;
  return { queue, deadLetterExchange: `${queue}.dlx`, deadLetterQueue: `${queue}.dlq` };
}

const PREFETCH = 20;

/**
 * Consumes `billing.subscription.status-changed` from the events exchange into the status
 * store. Every replica shares one durable queue, because the store is shared. A delivery is
 * acknowledged after the Redis write. A malformed one is dead-lettered, and one whose write fails
 * is requeued after `retryDelayMs`. The connection reconnects by itself (amqplib recovery), so a
 * broker outage only delays status changes and never makes the gateway unready.
 */
export class SubscriptionEventsConsumer {
  private recovering: RecoveringChannelModel | undefined;
  private connection: ChannelModel | undefined;
  private readonly names: ReturnType<typeof subscriptionQueueNames>;
  private readonly logger: Logger;
  private readonly retryDelayMs: number;
  private stopping = false;
  private readonly consumed = eventsConsumedCounter();
  private removeDeadLetterGauge: (() => void) | undefined;

  constructor(private readonly options: SubscriptionEventsConsumerOptions) {
    this.names = subscriptionQueueNames(options.queuePrefix);
    this.logger = options.logger.child({ component: 'subscription-events' });
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
  }

  /** Starts connecting in the background and resolves without waiting for the broker. */
  async start(): Promise<void> {
    const recovering = await connect(this.options.url, {
      clientProperties: { connection_name: 'gateway' },
      recovery: {
        waitForConnect: false,
        initialDelay: 500,
        maxDelay: 5_000,
        setup: (connection: ChannelModel) => this.consume(connection),
      },
    });
    this.recovering = recovering;
    this.removeDeadLetterGauge = addDeadLetterQueue(this.names.deadLetterQueue, () =>
      this.countDeadLetters(),
    );

    recovering.on('connect', () =>
      this.logger.info({ queue: this.names.queue }, 'Consuming subscription status changes'),
    );
    recovering.on('disconnect', (error: Error) => {
      this.connection = undefined;
      this.logger.warn({ err: error }, 'Lost the broker connection; reconnecting');
    });
    recovering.on('reconnect-scheduled', ({ attempt, delay, error }) => {
      // A long outage retries every few seconds, so only the first attempts and every tenth are logged.
      if (attempt <= 3 || attempt % 10 === 0) {
        this.logger.warn(
          { err: error, attempt, delayMs: delay },
          'Connecting to the broker failed; retrying',
        );
      }
    });
    recovering.on('reconnect-failed', (error: Error) =>
      this.logger.error({ err: error }, 'Gave up reconnecting to the broker'),
    );
    recovering.on('error', (error: Error) =>
      this.logger.error({ err: error }, 'Broker connection error'),
    );
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.removeDeadLetterGauge?.();
    const recovering = this.recovering;
    this.recovering = undefined;
    await recovering
      ?.close()
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'Closing the broker connection failed'),
      );
  }

  private async countDeadLetters(): Promise<number> {
    const connection = this.connection;
    if (!connection) throw new Error('Not connected to the broker');
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    try {
      return (await channel.checkQueue(this.names.deadLetterQueue)).messageCount;
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  private async consume(connection: ChannelModel): Promise<void> {
    this.connection = connection;
    const channel = await connection.createChannel();
    channel.on('close', () => this.reopenAfterChannelClose(connection));
    channel.on('error', (error: Error) =>
      this.logger.warn({ err: error }, 'Subscription events channel error'),
    );
    await this.declareTopology(channel);
    await channel.prefetch(PREFETCH);
    await channel.consume(this.names.queue, (message) => void this.handle(channel, message), {
      noAck: false,
    });
  }

  /**
   * Reopens the consumer when the broker closed its channel but kept the connection open.
   * NOTE: no test closes the channel alone, so this path is checked by reading only.
   */
  private reopenAfterChannelClose(connection: ChannelModel): void {
    if (this.stopping || this.connection !== connection) return;

    const timer = setTimeout(() => {
      if (this.stopping || this.connection !== connection) return;
      this.logger.warn('The broker closed the subscription events channel; reopening it');
      this.consume(connection).catch((error: unknown) =>
        this.logger.error({ err: error }, 'Reopening the subscription events channel failed'),
      );
    }, this.retryDelayMs);
    timer.unref();
  }

  private async declareTopology(channel: Channel): Promise<void> {
    const { queue, deadLetterExchange, deadLetterQueue } = this.names;
    await channel.assertExchange(this.options.exchange, 'topic', { durable: true });
    await channel.assertExchange(deadLetterExchange, 'fanout', { durable: true });
    await channel.assertQueue(deadLetterQueue, { durable: true });
    await channel.bindQueue(deadLetterQueue, deadLetterExchange, '');
    // A classic queue without a delivery limit, so a Redis outage requeues changes until it ends.
    await channel.assertQueue(queue, {
      durable: true,
      arguments: { 'x-dead-letter-exchange': deadLetterExchange },
    });
    await channel.bindQueue(queue, this.options.exchange, SUBSCRIPTION_STATUS_CHANGED);
  }

  private async handle(channel: Channel, message: ConsumeMessage | null): Promise<void> {
    if (!message) {
      this.logger.warn(
        { queue: this.names.queue },
        'The broker cancelled the subscription consumer',
      );
      return;
    }

    let change;
    try {
      change = parseSubscriptionStatusChange(message.content);
    } catch (error) {
      if (!(error instanceof MalformedSubscriptionEventError)) throw error;
      this.logger.error(
        { err: error, messageId: message.properties.messageId },
        'Dead-lettering a malformed subscription status change',
      );
      this.settle(() => channel.nack(message, false, false));
      this.consumed.inc({ type: SUBSCRIPTION_STATUS_CHANGED, outcome: 'malformed' });
      return;
    }

    try {
      const stored = await this.options.store.save(
        change.tenantId,
        change.status,
        change.changedAt,
      );
      this.logger.info(
        { eventId: change.eventId, tenantId: change.tenantId, status: change.status, stored },
        stored
          ? 'Stored a subscription status change'
          : 'Ignored an older subscription status change',
      );
      this.settle(() => channel.ack(message));
      this.consumed.inc({
        type: SUBSCRIPTION_STATUS_CHANGED,
        outcome: stored ? 'processed' : 'duplicate',
      });
    } catch (error) {
      this.logger.error(
        {
          err: error,
          eventId: change.eventId,
          tenantId: change.tenantId,
          retryDelayMs: this.retryDelayMs,
        },
        'Storing a subscription status change failed; requeueing it',
      );
      await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
      this.settle(() => channel.nack(message, false, true));
      this.consumed.inc({ type: SUBSCRIPTION_STATUS_CHANGED, outcome: 'retried' });
    }
  }

  /** Acknowledges on the channel. When the channel has closed meanwhile, the broker redelivers. */
  private settle(acknowledge: () => void): void {
    if (this.stopping) return;
    try {
      acknowledge();
    } catch (error) {
      this.logger.warn(
        { err: error },
        'Acknowledging a delivery failed; the broker will redeliver it',
      );
    }
  }
}
