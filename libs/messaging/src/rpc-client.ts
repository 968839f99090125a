import { randomUUID } from 'node:crypto';
import { context, SpanKind } from '@opentelemetry/api';
import type { Channel, ChannelModel, ConsumeMessage, Message } from 'amqplib';
import type { Logger } from 'pino';
import type { BrokerConnection, BrokerParticipant } from './broker-connection.js';
import { captureContextHeaders, withSpan } from './message-context.js';
import { messagingMetrics } from './messaging.metrics.js';
import {
  createRpcCircuitBreaker,
  type RpcAction,
  type RpcCircuitBreaker,
} from './rpc-circuit-breaker.js';
import type { ResolvedMessagingOptions } from './messaging.options.js';
import { RpcError, RpcRemoteError, RpcTimeoutError, RpcUnavailableError } from './rpc.errors.js';
import {
  DEADLINE_HEADER,
  DIRECT_REPLY_QUEUE,
  rpcExchangeName,
  rpcTarget,
  type RpcReply,
} from './rpc-protocol.js';

export interface RpcCallOptions {
  /** Deadline of this call. The default is the `rpc.timeoutMs` option. */
  timeoutMs?: number;
}

interface PendingCall {
  pattern: string;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Sends RPC requests through the RPC exchange and receives replies on RabbitMQ's direct reply-to.
 * Calls to each target service pass through that target's circuit breaker.
 */
export class RpcClient implements BrokerParticipant {
  readonly name = 'rpc-client';
  private readonly exchange: string;
  private readonly pending = new Map<string, PendingCall>();
  private readonly breakers = new Map<string, RpcCircuitBreaker>();
  private readonly retryAfterSeconds: number;
  private readonly logger: Logger;
  private channel: Channel | undefined;
  private attachedTo: ChannelModel | undefined;
  private stopping = false;

  constructor(
    private readonly connection: BrokerConnection,
    private readonly options: ResolvedMessagingOptions,
  ) {
    this.exchange = rpcExchangeName(options.exchange);
    this.retryAfterSeconds = Math.max(1, Math.ceil(options.rpc.breaker.resetTimeoutMs / 1000));
    this.logger = options.logger.child({ component: 'rpc-client' });
  }

  async start(): Promise<void> {
    this.stopping = false;
    await this.connection.addParticipant(this);
  }

  async attach(connection: ChannelModel): Promise<void> {
    if (this.stopping || this.attachedTo === connection) return;
    this.attachedTo = connection;

    try {
      const channel = await connection.createChannel();
      channel.on('error', (error) => this.logger.warn({ err: error }, 'RPC client channel error'));
      channel.on('close', () => this.handleChannelClosed(channel, connection));
      channel.on('return', (message) => this.handleReturn(message));

      // Direct reply-to needs the consumer on the channel that publishes the requests.
      await channel.consume(DIRECT_REPLY_QUEUE, (message) => this.handleReply(message), {
        noAck: true,
      });
      this.channel = channel;
    } catch (error) {
      this.attachedTo = undefined;
      throw error;
    }
  }

  detach(): void {
    this.channel = undefined;
    this.attachedTo = undefined;
    this.failPending('the broker connection was lost before the reply arrived');
  }

  /**
   * Calls `pattern` (`<service>.<procedure>`) and resolves with the server's result. Raises
   * RpcTimeoutError when the deadline passes, RpcUnavailableError when the circuit is open, the
   * broker is down or no server handles the pattern, and RpcRemoteError for an error reply.
   */
  async call<T>(pattern: string, payload: unknown, options: RpcCallOptions = {}): Promise<T> {
    const breaker = this.breakerFor(rpcTarget(pattern));
    const timeoutMs = options.timeoutMs ?? this.options.rpc.timeoutMs;

    try {
      if (!this.channel)
        throw new RpcUnavailableError(
          pattern,
          'not connected to the broker',
          this.retryAfterSeconds,
        );
      const result = (await breaker.fire(pattern, payload, timeoutMs)) as T;
      messagingMetrics.rpcRequests.inc({ pattern, outcome: 'success' });
      return result;
    } catch (error) {
      const rpcError = this.toRpcError(pattern, error);
      messagingMetrics.rpcRequests.inc({ pattern, outcome: this.outcomeOf(rpcError) });
      throw rpcError;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.connection.removeParticipant(this);
    this.failPending('the RPC client is shutting down');

    for (const breaker of this.breakers.values()) breaker.shutdown();
    this.breakers.clear();

    const channel = this.channel;
    this.channel = undefined;
    this.attachedTo = undefined;
    await channel?.close().catch(() => undefined);
  }

  private breakerFor(target: string): RpcCircuitBreaker {
    const existing = this.breakers.get(target);
    if (existing) return existing;

    const action: RpcAction = (pattern, payload, timeoutMs) =>
      this.send(pattern, payload, timeoutMs);
    const breaker = createRpcCircuitBreaker(target, action, this.options.rpc.breaker, this.logger);
    this.breakers.set(target, breaker);
    return breaker;
  }

  private send(pattern: string, payload: unknown, timeoutMs: number): Promise<unknown> {
    const channel = this.channel;
    if (!channel)
      return Promise.reject(
        new RpcUnavailableError(pattern, 'not connected to the broker', this.retryAfterSeconds),
      );

    const spanOptions = {
      name: `${pattern} call`,
      kind: SpanKind.CLIENT,
      parent: context.active(),
      attributes: {
        'messaging.system': 'rabbitmq',
        'rpc.system': 'rabbitmq',
        'rpc.method': pattern,
      },
    };
    return withSpan(
      spanOptions,
      () =>
        new Promise((resolve, reject) =>
          this.publishRequest(channel, pattern, payload, timeoutMs, { resolve, reject }),
        ),
    );
  }

  private publishRequest(
    channel: Channel,
    pattern: string,
    payload: unknown,
    timeoutMs: number,
    settle: Pick<PendingCall, 'resolve' | 'reject'>,
  ): void {
    const correlationId = randomUUID();
    const timer = setTimeout(() => {
      this.pending.delete(correlationId);
      settle.reject(new RpcTimeoutError(pattern, timeoutMs, this.retryAfterSeconds));
    }, timeoutMs);
    this.pending.set(correlationId, { pattern, timer, ...settle });

    const headers: Record<string, string | number> = {
      ...captureContextHeaders(),
      [DEADLINE_HEADER]: Date.now() + timeoutMs,
    };
    try {
      channel.publish(this.exchange, pattern, Buffer.from(JSON.stringify(payload ?? null)), {
        correlationId,
        replyTo: DIRECT_REPLY_QUEUE,
        // Returns the request at once when no server queue is bound to the pattern.
        mandatory: true,
        // The broker drops a request that waited in the queue past the caller's deadline.
        expiration: String(timeoutMs),
        contentType: 'application/json',
        headers,
      });
    } catch (error) {
      this.settle(
        correlationId,
        undefined,
        new RpcUnavailableError(pattern, (error as Error).message, this.retryAfterSeconds),
      );
    }
  }

  private handleReply(message: ConsumeMessage | null): void {
    if (!message) {
      this.logger.warn('The broker cancelled the RPC reply consumer');
      return;
    }

    const correlationId = message.properties.correlationId as string | undefined;
    const call = correlationId ? this.pending.get(correlationId) : undefined;
    if (!correlationId || !call) {
      this.logger.debug({ correlationId }, 'Ignored an RPC reply that arrived after its deadline');
      return;
    }

    let reply: RpcReply;
    try {
      reply = JSON.parse(message.content.toString('utf8')) as RpcReply;
    } catch {
      this.settle(
        correlationId,
        undefined,
        new RpcRemoteError(call.pattern, 'RPC_BAD_REPLY', 'The reply is not JSON'),
      );
      return;
    }

    if (reply.ok) this.settle(correlationId, reply.result);
    else
      this.settle(
        correlationId,
        undefined,
        new RpcRemoteError(call.pattern, reply.error.code, reply.error.message),
      );
  }

  private handleReturn(message: Message): void {
    const correlationId = message.properties.correlationId as string | undefined;
    const call = correlationId ? this.pending.get(correlationId) : undefined;
    if (!correlationId || !call) return;

    this.settle(
      correlationId,
      undefined,
      new RpcUnavailableError(
        call.pattern,
        'no server handles this pattern',
        this.retryAfterSeconds,
      ),
    );
  }

  private settle(correlationId: string, result: unknown, error?: Error): void {
    const call = this.pending.get(correlationId);
    if (!call) return;

    this.pending.delete(correlationId);
    clearTimeout(call.timer);
    if (error) call.reject(error);
    else call.resolve(result);
  }

  private failPending(reason: string): void {
    for (const [correlationId, call] of [...this.pending]) {
      this.settle(
        correlationId,
        undefined,
        new RpcUnavailableError(call.pattern, reason, this.retryAfterSeconds),
      );
    }
  }

  private handleChannelClosed(channel: Channel, connection: ChannelModel): void {
    if (this.channel !== channel || this.stopping) return;

    this.detach();
    this.connection.scheduleReattach(this, connection);
  }

  private toRpcError(pattern: string, error: unknown): RpcError {
    if (error instanceof RpcError) return error;
    if ((error as { code?: unknown }).code === 'EOPENBREAKER') {
      return new RpcUnavailableError(
        pattern,
        `the circuit breaker for ${rpcTarget(pattern)} is open`,
        this.retryAfterSeconds,
      );
    }
    return new RpcUnavailableError(pattern, (error as Error).message, this.retryAfterSeconds);
  }

  private outcomeOf(error: RpcError): string {
    if (error instanceof RpcTimeoutError) return 'timeout';
    if (error instanceof RpcRemoteError) return 'remote_error';
    return 'unavailable';
  }
}
