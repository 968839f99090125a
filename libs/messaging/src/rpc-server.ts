import { SpanKind } from '@opentelemetry/api';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { Logger } from 'pino';
import type { BrokerConnection, BrokerParticipant } from './broker-connection.js';
import { getRequestContext } from '@gym/logging';
import {
  extractTraceContext,
  runWithMessageRequestContext,
  stringHeaders,
  withSpan,
} from './message-context.js';
import type { ResolvedMessagingOptions } from './messaging.options.js';
import {
  DEADLINE_HEADER,
  INTERNAL_ERROR_CODE,
  rpcExchangeName,
  rpcQueueName,
  UNKNOWN_PATTERN_CODE,
  type RpcReply,
} from './rpc-protocol.js';

export interface RpcRequestContext {
  pattern: string;
  requestId: string;
}

export type RpcHandler<TPayload = unknown, TResult = unknown> = (
  payload: TPayload,
  context: RpcRequestContext,
) => Promise<TResult>;

/** Error code of a request whose body is not JSON. */
const BAD_REQUEST_CODE = 'RPC_BAD_REQUEST';

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code ? code : undefined;
}

/**
 * Serves RPC requests from the durable queue `<service>.rpc`, bound to the RPC exchange once per
 * handled pattern. A handler's result is returned as `{ ok: true, result }`, and an error as
 * `{ ok: false, error: { code, message } }` with the error's string `code`, or INTERNAL_ERROR.
 */
export class RpcServer implements BrokerParticipant {
  readonly name = 'rpc-server';
  readonly queue: string;
  private readonly exchange: string;
  private readonly handlers = new Map<string, RpcHandler>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly logger: Logger;
  private channel: Channel | undefined;
  private attachedTo: ChannelModel | undefined;
  private consumerTag: string | undefined;
  private started = false;
  private stopping = false;

  constructor(
    private readonly connection: BrokerConnection,
    private readonly options: ResolvedMessagingOptions,
  ) {
    this.queue = rpcQueueName(options.serviceName);
    this.exchange = rpcExchangeName(options.exchange);
    this.logger = options.logger.child({ component: 'rpc-server' });
  }

  /** Registers the handler of one pattern. Call it before start(). */
  handle<TPayload = unknown, TResult = unknown>(
    pattern: string,
    handler: RpcHandler<TPayload, TResult>,
  ): void {
    if (this.started)
      throw new Error(
        `Cannot register an RPC handler for ${pattern} after the RPC server has started`,
      );
    if (this.handlers.has(pattern))
      throw new Error(
        `An RPC handler for ${pattern} is already registered in ${this.options.serviceName}`,
      );
    this.handlers.set(pattern, handler as RpcHandler);
  }

  /** Declares the queue and starts serving. Without handlers it does nothing. */
  async start(): Promise<void> {
    if (this.started || this.handlers.size === 0) return;

    this.started = true;
    this.stopping = false;
    await this.connection.addParticipant(this);
  }

  async declareTopology(channel: Channel): Promise<void> {
    await channel.assertQueue(this.queue, { durable: true });
    for (const pattern of this.handlers.keys()) {
      await channel.bindQueue(this.queue, this.exchange, pattern);
    }
  }

  async attach(connection: ChannelModel): Promise<void> {
    if (this.stopping || this.attachedTo === connection) return;
    this.attachedTo = connection;

    try {
      const channel = await connection.createChannel();
      channel.on('error', (error) => this.logger.warn({ err: error }, 'RPC server channel error'));
      channel.on('close', () => this.handleChannelClosed(channel, connection));
      await channel.prefetch(this.options.rpc.prefetch);
      this.channel = channel;

      const { consumerTag } = await channel.consume(
        this.queue,
        (message) => this.dispatch(channel, message),
        { noAck: false },
      );
      this.consumerTag = consumerTag;
    } catch (error) {
      this.attachedTo = undefined;
      throw error;
    }
    this.logger.info(
      { queue: this.queue, patterns: [...this.handlers.keys()] },
      'Serving RPC requests',
    );
  }

  detach(): void {
    this.channel = undefined;
    this.attachedTo = undefined;
    this.consumerTag = undefined;
  }

  /** Cancels the consumer, waits for the requests in progress and closes the channel. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.connection.removeParticipant(this);

    const channel = this.channel;
    if (channel && this.consumerTag) {
      await channel
        .cancel(this.consumerTag)
        .catch((error: unknown) =>
          this.logger.warn({ err: error }, 'Cancelling the RPC consumer failed'),
        );
    }

    await Promise.allSettled([...this.inFlight]);
    this.detach();
    await channel?.close().catch(() => undefined);
    this.started = false;
  }

  private handleChannelClosed(channel: Channel, connection: ChannelModel): void {
    if (this.channel !== channel || this.stopping) return;

    this.detach();
    this.connection.scheduleReattach(this, connection);
  }

  private dispatch(channel: Channel, message: ConsumeMessage | null): void {
    if (!message) {
      this.logger.warn({ queue: this.queue }, 'The broker cancelled the RPC consumer');
      return;
    }

    const processing = this.serve(channel, message)
      .catch((error: unknown) =>
        this.logger.error(
          { err: error, pattern: message.fields.routingKey },
          'Serving an RPC request failed',
        ),
      )
      .finally(() => this.inFlight.delete(processing));
    this.inFlight.add(processing);
  }

  private async serve(channel: Channel, message: ConsumeMessage): Promise<void> {
    const pattern = message.fields.routingKey;
    const deadline = Number(message.properties.headers?.[DEADLINE_HEADER]);
    if (deadline > 0 && Date.now() > deadline) {
      this.logger.warn(
        { pattern, correlationId: message.properties.correlationId },
        'Dropped an RPC request whose caller stopped waiting',
      );
      channel.ack(message);
      return;
    }

    const headers = stringHeaders(message.properties.headers);
    const spanOptions = {
      name: `${pattern} process`,
      kind: SpanKind.SERVER,
      parent: extractTraceContext(headers),
      attributes: {
        'messaging.system': 'rabbitmq',
        'rpc.system': 'rabbitmq',
        'rpc.method': pattern,
      },
    };
    const reply = await withSpan(spanOptions, () =>
      runWithMessageRequestContext(headers, undefined, () => this.runHandler(pattern, message)),
    );

    const replyTo = message.properties.replyTo as string | undefined;
    if (replyTo) {
      channel.sendToQueue(replyTo, Buffer.from(JSON.stringify(reply)), {
        correlationId: message.properties.correlationId,
        contentType: 'application/json',
      });
    }
    channel.ack(message);
  }

  private async runHandler(pattern: string, message: ConsumeMessage): Promise<RpcReply> {
    const requestId = getRequestContext()?.requestId ?? '';
    const handler = this.handlers.get(pattern);
    if (!handler)
      return {
        ok: false,
        error: {
          code: UNKNOWN_PATTERN_CODE,
          message: `No RPC handler for ${pattern} in ${this.options.serviceName}`,
        },
      };

    let payload: unknown;
    try {
      payload = JSON.parse(message.content.toString('utf8'));
    } catch {
      return {
        ok: false,
        error: { code: BAD_REQUEST_CODE, message: `RPC request body for ${pattern} is not JSON` },
      };
    }

    try {
      const result = await handler(payload, { pattern, requestId });
      return { ok: true, result: result ?? null };
    } catch (error) {
      const code = errorCode(error);
      if (code) {
        this.logger.info({ pattern, code, requestId }, 'RPC handler returned an error');
      } else {
        this.logger.error({ err: error, pattern, requestId }, 'RPC handler failed');
      }
      return {
        ok: false,
        error: { code: code ?? INTERNAL_ERROR_CODE, message: (error as Error).message },
      };
    }
  }
}
