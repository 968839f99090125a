import { SpanKind } from '@opentelemetry/api';
import type { ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { MalformedEventError, parseEventEnvelope, type EventEnvelope } from './event-envelope.js';
import { retryQueueFor, type EventTopologyNames } from './event-topology.js';
import { InboxMessage } from './inbox-message.entity.js';
import {
  ATTEMPT_HEADER,
  DEAD_LETTER_REASON_HEADER,
  extractTraceContext,
  messageSpanAttributes,
  REQUEST_ID_HEADER,
  runWithMessageRequestContext,
  stringHeaders,
  withSpan,
  type MessageHeaders,
} from './message-context.js';
import { messagingMetrics } from './messaging.metrics.js';
import type { ResolvedMessagingOptions } from './messaging.options.js';

export type EventHandler<T = unknown> = (
  envelope: EventEnvelope<T>,
  manager: EntityManager,
) => Promise<void>;

type Outcome = 'processed' | 'duplicate' | 'retried' | 'dead_lettered' | 'malformed' | 'unhandled';

// Keeps the dead-letter reason header well under the 64 KiB limit of an AMQP header table.
const MAX_REASON_LENGTH = 1000;

function readAttempt(headers: Record<string, unknown> | undefined): number {
  const attempt = Number(headers?.[ATTEMPT_HEADER] ?? 1);
  return Number.isInteger(attempt) && attempt >= 1 ? attempt : 1;
}

function copyProperties(
  message: ConsumeMessage,
  headers: Record<string, unknown>,
): Options.Publish {
  const properties = message.properties;
  return {
    persistent: true,
    contentType: properties.contentType ?? 'application/json',
    messageId: properties.messageId,
    type: properties.type,
    timestamp: properties.timestamp,
    appId: properties.appId,
    headers: { ...properties.headers, ...headers },
  };
}

/** Processes one event delivery: inbox check and handler in one transaction, then ack, retry or dead-letter. */
export class EventDeliveryHandler {
  private readonly logger: Logger;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: ResolvedMessagingOptions,
    private readonly names: EventTopologyNames,
    private readonly handlers: ReadonlyMap<string, EventHandler>,
  ) {
    this.logger = options.logger.child({ component: 'event-consumer' });
  }

  async handle(channel: ConfirmChannel, message: ConsumeMessage): Promise<void> {
    const routingKey = message.fields.routingKey;
    const attempt = readAttempt(message.properties.headers);

    let envelope: EventEnvelope;
    try {
      envelope = parseEventEnvelope(message.content);
    } catch (error) {
      if (!(error instanceof MalformedEventError)) throw error;
      this.logger.error(
        { err: error, routingKey, messageId: message.properties.messageId },
        'Malformed event moved to the dead-letter queue',
      );
      await this.deadLetter(channel, message, attempt, error.message);
      this.count('unknown', 'malformed');
      return;
    }

    const handler = this.handlers.get(envelope.type);
    if (!handler) {
      const reason = `No handler registered for event type ${envelope.type}`;
      this.logger.error(
        { eventId: envelope.id, routingKey, eventType: envelope.type },
        `${reason}; moved to the dead-letter queue`,
      );
      await this.deadLetter(channel, message, attempt, reason);
      this.count(envelope.type, 'unhandled');
      return;
    }

    let outcome: Outcome;
    try {
      outcome = await this.runHandler(envelope, stringHeaders(message.properties.headers), handler);
    } catch (error) {
      outcome = await this.handleFailure(channel, message, envelope, attempt, error as Error);
      this.count(envelope.type, outcome);
      return;
    }

    this.ack(channel, message, envelope.id);
    this.count(envelope.type, outcome);
  }

  private runHandler(
    envelope: EventEnvelope,
    headers: MessageHeaders,
    handler: EventHandler,
  ): Promise<Outcome> {
    const spanOptions = {
      name: `process ${envelope.type}`,
      kind: SpanKind.CONSUMER,
      parent: extractTraceContext(headers),
      attributes: messageSpanAttributes({
        operation: 'process',
        destination: this.names.queue,
        eventId: envelope.id,
        routingKey: envelope.type,
        tenantId: envelope.tenantId,
        requestId: headers[REQUEST_ID_HEADER],
      }),
    };

    return withSpan(spanOptions, () =>
      runWithMessageRequestContext(headers, envelope.tenantId, () =>
        this.dataSource.transaction(async (manager) => {
          const isFirstDelivery = await this.recordInInbox(manager, envelope);
          if (!isFirstDelivery) return 'duplicate';

          await handler(envelope, manager);
          return 'processed';
        }),
      ),
    );
  }

  /** Inserts the inbox row and returns false when this consumer has already processed the event. */
  private async recordInInbox(manager: EntityManager, envelope: EventEnvelope): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(InboxMessage)
      .values({
        eventId: envelope.id,
        consumer: this.options.serviceName,
        eventType: envelope.type,
      })
      .orIgnore()
      .returning('event_id')
      .updateEntity(false)
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  private async handleFailure(
    channel: ConfirmChannel,
    message: ConsumeMessage,
    envelope: EventEnvelope,
    attempt: number,
    error: Error,
  ): Promise<Outcome> {
    const context = {
      err: error,
      eventId: envelope.id,
      routingKey: envelope.type,
      attempt,
      maxAttempts: this.options.retry.maxAttempts,
    };

    if (attempt >= this.options.retry.maxAttempts) {
      this.logger.error(
        context,
        'Event handler failed on the last attempt; moved to the dead-letter queue',
      );
      await this.deadLetter(channel, message, attempt, error.message);
      return 'dead_lettered';
    }

    const retryQueue = retryQueueFor(this.names, this.options.retry.backoffMs, attempt);
    this.logger.warn({ ...context, retryQueue }, 'Event handler failed; scheduled a retry');
    try {
      await this.republish(channel, '', retryQueue, message, { [ATTEMPT_HEADER]: attempt + 1 });
      this.ack(channel, message, envelope.id);
    } catch (publishError) {
      this.logger.error(
        { err: publishError, eventId: envelope.id, retryQueue },
        'Scheduling the retry failed; returned the event to its queue',
      );
      this.requeue(channel, message, envelope.id);
    }
    return 'retried';
  }

  /** Copies the message to the dead-letter exchange with the reason, then acks it. */
  private async deadLetter(
    channel: ConfirmChannel,
    message: ConsumeMessage,
    attempt: number,
    reason: string,
  ): Promise<void> {
    const headers = {
      [ATTEMPT_HEADER]: attempt,
      [DEAD_LETTER_REASON_HEADER]: reason.slice(0, MAX_REASON_LENGTH),
    };
    try {
      await this.republish(
        channel,
        this.names.deadLetterExchange,
        message.fields.routingKey,
        message,
        headers,
      );
      this.ack(channel, message, message.properties.messageId);
    } catch (error) {
      // Rejecting without requeue still reaches the dead-letter queue through the queue's own
      // dead-letter exchange, only without the reason header.
      this.logger.warn(
        { err: error, messageId: message.properties.messageId },
        'Copying to the dead-letter exchange failed; rejecting the message',
      );
      try {
        channel.reject(message, false);
      } catch (rejectError) {
        this.logger.warn(
          { err: rejectError, messageId: message.properties.messageId },
          'Rejecting failed; the broker will redeliver the message',
        );
      }
    }
  }

  private republish(
    channel: ConfirmChannel,
    exchange: string,
    routingKey: string,
    message: ConsumeMessage,
    headers: Record<string, unknown>,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      try {
        channel.publish(
          exchange,
          routingKey,
          message.content,
          copyProperties(message, headers),
          (error: unknown) => {
            if (error)
              reject(
                error instanceof Error
                  ? error
                  : new Error(`Broker rejected the copy to ${exchange || routingKey}`),
              );
            else resolve();
          },
        );
      } catch (error) {
        reject(error as Error);
      }
    });
  }

  private ack(channel: ConfirmChannel, message: ConsumeMessage, eventId: string | undefined): void {
    try {
      channel.ack(message);
    } catch (error) {
      // The channel closed, so the broker redelivers the event and the inbox skips the handler.
      this.logger.warn(
        { err: error, eventId },
        'Acknowledging the event failed; it will be redelivered',
      );
    }
  }

  private requeue(channel: ConfirmChannel, message: ConsumeMessage, eventId: string): void {
    try {
      channel.nack(message, false, true);
    } catch (error) {
      this.logger.warn(
        { err: error, eventId },
        'Returning the event to its queue failed; it will be redelivered',
      );
    }
  }

  private count(type: string, outcome: Outcome): void {
    messagingMetrics.eventsConsumed.inc({ type, outcome });
  }
}
