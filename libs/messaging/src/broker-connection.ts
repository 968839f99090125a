import {
  connect,
  type Channel,
  type ChannelModel,
  type ConfirmChannel,
  type Options,
  type RecoveringChannelModel,
} from 'amqplib';
import type { Logger } from 'pino';
import type { ResolvedMessagingOptions } from './messaging.options.js';
import { rpcExchangeName } from './rpc-protocol.js';

/** A component that owns broker resources. The connection replays both steps after every reconnect. */
export interface BrokerParticipant {
  readonly name: string;
  /** Declares the participant's queues and bindings. It runs on every connect before any participant attaches. */
  declareTopology?(channel: Channel): Promise<void>;
  /** Opens the participant's channels and consumers on a new connection. */
  attach?(connection: ChannelModel): Promise<void>;
  /** Drops channels of a lost connection. */
  detach?(): void;
}

/** Raised when an operation needs the broker while the connection is down. */
export class BrokerUnavailableError extends Error {
  override name = 'BrokerUnavailableError';
}

/**
 * One AMQP connection per process. It reconnects with exponential backoff after a broker restart,
 * declares the topology again and lets every participant reopen its channels.
 */
export class BrokerConnection {
  private recovering: RecoveringChannelModel | undefined;
  private connection: ChannelModel | undefined;
  private publishChannel: Promise<ConfirmChannel> | undefined;
  private readonly participants: BrokerParticipant[] = [];
  private readonly publishChannelErrors = new WeakMap<ConfirmChannel, Error>();
  private readonly logger: Logger;

  constructor(private readonly options: ResolvedMessagingOptions) {
    this.logger = options.logger.child({ component: 'broker-connection' });
  }

  isConnected(): boolean {
    return this.connection !== undefined;
  }

  /** Connects and resolves once the first connection is up, retrying until then. */
  async start(): Promise<void> {
    if (this.recovering) return;

    const recovering = await connect(this.options.url, {
      clientProperties: { connection_name: this.options.serviceName },
      recovery: {
        waitForConnect: false,
        initialDelay: this.options.reconnect.initialDelayMs,
        maxDelay: this.options.reconnect.maxDelayMs,
        setup: (connection: ChannelModel) => this.declareTopology(connection),
      },
    });
    this.recovering = recovering;
    this.listen(recovering);

    await recovering.waitForConnect();
  }

  /** Adds a participant. When connected, it declares the participant's topology and attaches it before resolving. */
  async addParticipant(participant: BrokerParticipant): Promise<void> {
    this.participants.push(participant);

    const connection = this.connection;
    if (!connection) return;

    if (participant.declareTopology) {
      await this.withChannel(connection, (channel) => participant.declareTopology!(channel));
    }
    await participant.attach?.(connection);
  }

  removeParticipant(participant: BrokerParticipant): void {
    const index = this.participants.indexOf(participant);
    if (index >= 0) this.participants.splice(index, 1);
  }

  /** Re-attaches a participant whose channel the broker closed while the connection stayed up. */
  scheduleReattach(participant: BrokerParticipant, connection: ChannelModel): void {
    const timer = setTimeout(() => {
      // A channel also closes when its connection drops, and then the reconnect reattaches everything.
      if (this.connection !== connection || !this.participants.includes(participant)) return;

      this.logger.warn(
        { participant: participant.name },
        'The broker closed a channel; reopening it',
      );
      participant.attach?.(connection).catch((error: unknown) => {
        this.logger.error(
          { err: error, participant: participant.name },
          'Reopening a closed channel failed; retrying after the next reconnect',
        );
      });
    }, this.options.reconnect.initialDelayMs);
    timer.unref();
  }

  /** Publishes on a confirm channel and resolves once the broker confirms the message. */
  async publish(
    exchange: string,
    routingKey: string,
    content: Buffer,
    options: Options.Publish,
    timeoutMs: number,
  ): Promise<void> {
    const channel = await this.getPublishChannel();

    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `Broker confirm of message ${options.messageId ?? ''} to ${exchange} timed out after ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
      channel.publish(exchange, routingKey, content, options, (error: unknown) => {
        clearTimeout(timer);
        if (!error) return resolve();

        // A broker error closes the channel, and the callback only reports "channel closed".
        const cause = this.publishChannelErrors.get(channel) ?? error;
        reject(
          cause instanceof Error
            ? cause
            : new Error(`Broker rejected message ${options.messageId ?? ''} to ${exchange}`),
        );
      });
    });
  }

  /** Returns the number of ready messages in a queue, read on a short-lived channel. */
  async countMessages(queue: string): Promise<number> {
    const connection = this.connection;
    if (!connection) throw new BrokerUnavailableError('Not connected to the broker');

    let count = 0;
    await this.withChannel(connection, async (channel) => {
      count = (await channel.checkQueue(queue)).messageCount;
    });
    return count;
  }

  /** Resolves when the queue exists and rejects when it does not or the broker is down. */
  async checkQueue(queue: string): Promise<void> {
    await this.countMessages(queue);
  }

  async close(): Promise<void> {
    const recovering = this.recovering;
    this.recovering = undefined;
    this.connection = undefined;
    this.publishChannel = undefined;
    await recovering?.close();
  }

  private listen(recovering: RecoveringChannelModel): void {
    recovering.on('connect', (connection) => void this.handleConnect(connection));
    recovering.on('disconnect', (error) => this.handleDisconnect(error));
    recovering.on('reconnect-scheduled', ({ attempt, delay, error }) => {
      // A long outage retries every few seconds, so only the first attempts and every tenth are logged.
      if (attempt <= 3 || attempt % 10 === 0) {
        this.logger.warn(
          { err: error, attempt, delayMs: delay },
          'Connecting to the broker failed; retrying',
        );
      }
    });
    recovering.on('reconnect-failed', (error) =>
      this.logger.error({ err: error }, 'Gave up reconnecting to the broker'),
    );
    recovering.on('error', (error) => this.logger.error({ err: error }, 'Broker connection error'));
    recovering.on('blocked', (reason) =>
      this.logger.warn({ reason }, 'Broker blocked the connection'),
    );
    recovering.on('unblocked', () => this.logger.info('Broker unblocked the connection'));
  }

  private async declareTopology(connection: ChannelModel): Promise<void> {
    await this.withChannel(connection, async (channel) => {
      await channel.assertExchange(this.options.exchange, 'topic', { durable: true });
      await channel.assertExchange(rpcExchangeName(this.options.exchange), 'direct', {
        durable: true,
      });
      for (const participant of this.participants) {
        await participant.declareTopology?.(channel);
      }
    });
  }

  private async handleConnect(connection: ChannelModel): Promise<void> {
    this.connection = connection;
    this.publishChannel = undefined;
    this.logger.info({ queuePrefix: this.options.serviceName }, 'Connected to the broker');

    for (const participant of [...this.participants]) {
      try {
        await participant.attach?.(connection);
      } catch (error) {
        this.logger.error(
          { err: error, participant: participant.name },
          'Attaching to the new broker connection failed',
        );
      }
    }
  }

  private handleDisconnect(error: Error): void {
    this.connection = undefined;
    this.publishChannel = undefined;
    this.logger.warn({ err: error }, 'Lost the broker connection');

    for (const participant of this.participants) participant.detach?.();
  }

  private async withChannel(
    connection: ChannelModel,
    work: (channel: Channel) => Promise<void>,
  ): Promise<void> {
    const channel = await connection.createChannel();
    // A failed declaration also rejects the pending call, which is reported to the caller.
    channel.on('error', () => undefined);
    try {
      await work(channel);
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  private getPublishChannel(): Promise<ConfirmChannel> {
    const connection = this.connection;
    if (!connection)
      return Promise.reject(new BrokerUnavailableError('Not connected to the broker'));

    if (!this.publishChannel) {
      const opening = connection.createConfirmChannel().then((channel) => {
        channel.on('error', (error) => {
          this.logger.warn({ err: error }, 'Publish channel error');
          this.publishChannelErrors.set(channel, error);
        });
        channel.on('close', () => {
          if (this.publishChannel === opening) this.publishChannel = undefined;
        });
        return channel;
      });
      opening.catch(() => {
        if (this.publishChannel === opening) this.publishChannel = undefined;
      });
      this.publishChannel = opening;
    }
    return this.publishChannel;
  }
}
