import { randomUUID } from 'node:crypto';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { REPLAY_QUEUE_PREFIX, type BrokerConnection, type BrokerParticipant } from '@gym/messaging';

/** Messages the broker hands out before the rebuild acknowledges them. */
const PREFETCH = 200;

/** An idle replay queue left by a crashed rebuild is deleted by the broker after an hour. */
const QUEUE_EXPIRES_MS = 3_600_000;

/**
 * A temporary queue `replay.<prefix>reporting.<uuid>` that the owners publish their replayed
 * events to, read in arrival order.
 */
export class ReplayQueue implements BrokerParticipant {
  readonly name = 'replay-queue';
  readonly queue: string;
  private channel: Channel | undefined;
  private readonly buffered: ConsumeMessage[] = [];
  private wake: (() => void) | undefined;

  constructor(
    private readonly connection: BrokerConnection,
    queuePrefix: string,
  ) {
    this.queue = `${REPLAY_QUEUE_PREFIX}${queuePrefix}reporting.${randomUUID()}`;
  }

  async open(): Promise<void> {
    await this.connection.addParticipant(this);
    if (!this.channel) throw new Error('Not connected to the broker; cannot open the replay queue');
  }

  async attach(connection: ChannelModel): Promise<void> {
    const channel = await connection.createChannel();
    await channel.assertQueue(this.queue, {
      durable: false,
      arguments: { 'x-expires': QUEUE_EXPIRES_MS },
    });
    await channel.prefetch(PREFETCH);
    await channel.consume(this.queue, (message) => {
      if (!message) return;
      this.buffered.push(message);
      this.wake?.();
    });
    this.channel = channel;
  }

  detach(): void {
    this.channel = undefined;
  }

  /** Returns the messages received so far, waiting up to `waitMs` for the first one. */
  async take(waitMs: number): Promise<ConsumeMessage[]> {
    if (this.buffered.length === 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
    return this.buffered.splice(0, this.buffered.length);
  }

  /** Acknowledges every message up to and including `last`. */
  ack(last: ConsumeMessage): void {
    if (!this.channel) throw new Error('Lost the broker connection during the rebuild');
    this.channel.ack(last, true);
  }

  async close(): Promise<void> {
    this.connection.removeParticipant(this);
    const channel = this.channel;
    this.channel = undefined;
    if (!channel) return;
    await channel.deleteQueue(this.queue).catch(() => undefined);
    await channel.close().catch(() => undefined);
  }
}
