import { SpanKind } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { BrokerConnection, BrokerParticipant } from './broker-connection.js';
import {
  extractTraceContext,
  headersForPublish,
  messageSpanAttributes,
  REQUEST_ID_HEADER,
  withSpan,
} from './message-context.js';
import {
  addOutboxBacklogSource,
  messagingMetrics,
  type OutboxBacklog,
} from './messaging.metrics.js';
import type { ResolvedMessagingOptions } from './messaging.options.js';
import type { OutboxEvent } from './outbox-event.entity.js';
import {
  claimDueEvents,
  deleteSentBefore,
  markFailed,
  markSent,
  readBacklog,
} from './outbox-store.js';

const HOUR_MS = 3_600_000;

/**
 * Publishes outbox rows with publisher confirms and marks them sent after the confirm. It polls,
 * can be woken after a commit, skips passes while the broker is down, and retries failed rows
 * with exponential backoff.
 */
export class OutboxRelay implements BrokerParticipant {
  readonly name = 'outbox-relay';
  private readonly logger: Logger;
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private wakeRequested = false;
  private nextPurgeAt = 0;
  private removeBacklogSource: (() => void) | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly connection: BrokerConnection,
    private readonly options: ResolvedMessagingOptions,
  ) {
    this.logger = options.logger.child({ component: 'outbox-relay' });
  }

  start(): void {
    if (this.running) return;

    this.running = true;
    this.removeBacklogSource = addOutboxBacklogSource(() => this.backlog());
    this.loop = this.run();
    void this.connection.addParticipant(this);
  }

  /** Publishes the rows kept during a broker outage as soon as the connection is back. */
  async attach(): Promise<void> {
    this.wake();
  }

  /** Starts a pass now instead of at the next poll, for example right after a commit that enqueued events. */
  wake(): void {
    this.wakeRequested = true;
    this.wakeUp?.();
  }

  /** Stops polling and waits for the pass in progress. */
  async stop(): Promise<void> {
    this.running = false;
    this.connection.removeParticipant(this);
    this.wake();
    await this.loop;
    this.loop = undefined;
    this.removeBacklogSource?.();
  }

  /** Publishes due rows batch by batch until none is left or the broker is down, and returns how many were sent. */
  async publishPending(): Promise<number> {
    let sent = 0;
    while (this.connection.isConnected()) {
      const batch = await this.publishBatch();
      sent += batch.sent;
      if (batch.claimed < this.options.outbox.batchSize) break;
    }
    return sent;
  }

  backlog(): Promise<OutboxBacklog> {
    return readBacklog(this.dataSource);
  }

  /** Deletes sent rows older than the retention period and returns how many were deleted. */
  async purgeSent(): Promise<number> {
    const cutoff = new Date(Date.now() - this.options.outbox.retentionHours * HOUR_MS);
    const deleted = await deleteSentBefore(this.dataSource, cutoff);
    if (deleted > 0) this.logger.info({ deleted }, 'Deleted sent outbox rows past retention');
    return deleted;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.publishPending();
        await this.purgeWhenDue();
      } catch (error) {
        this.logger.error({ err: error }, 'Outbox relay pass failed; retrying at the next poll');
      }
      await this.sleep(this.options.outbox.pollIntervalMs);
    }
  }

  private async purgeWhenDue(): Promise<void> {
    if (Date.now() < this.nextPurgeAt) return;
    this.nextPurgeAt = Date.now() + this.options.outbox.purgeIntervalMs;
    await this.purgeSent();
  }

  private sleep(milliseconds: number): Promise<void> {
    if (this.wakeRequested) {
      this.wakeRequested = false;
      return this.gatherCommits();
    }

    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = undefined;
        resolve();
      }, milliseconds);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        this.wakeRequested = false;
        resolve(this.gatherCommits());
      };
    });
  }

  /** Lets the commits that follow a wake-up land, so that one pass publishes them together. */
  private gatherCommits(): Promise<void> {
    const delayMs = this.options.outbox.wakeDelayMs;
    if (delayMs === 0 || !this.running) return Promise.resolve();
    return new Promise((resolve) => setTimeout(resolve, delayMs));
  }

  /** Claims a batch in one transaction, publishes it and records each row's result before the commit releases the locks. */
  private publishBatch(): Promise<{ claimed: number; sent: number }> {
    return this.dataSource.transaction(async (manager) => {
      const events = await claimDueEvents(manager, this.options.outbox.batchSize);
      if (events.length === 0) return { claimed: 0, sent: 0 };

      const results = await Promise.allSettled(events.map((event) => this.publish(event)));

      const sentIds: string[] = [];
      for (const [index, result] of results.entries()) {
        const event = events[index]!;
        if (result.status === 'fulfilled') {
          sentIds.push(event.id);
          messagingMetrics.eventsPublished.inc({ type: event.type });
          continue;
        }

        const error =
          result.reason instanceof Error ? result.reason : new Error(String(result.reason));
        const delayMs = this.retryDelay(event.attempts);
        messagingMetrics.publishFailures.inc({ type: event.type });
        this.logger.warn(
          {
            err: error,
            eventId: event.id,
            eventType: event.type,
            attempts: event.attempts + 1,
            retryInMs: delayMs,
            requestId: event.headers[REQUEST_ID_HEADER],
          },
          'Publishing an outbox event failed; it will be retried',
        );
        await markFailed(manager, event.id, error, delayMs);
      }

      await markSent(manager, sentIds);
      return { claimed: events.length, sent: sentIds.length };
    });
  }

  private publish(event: OutboxEvent): Promise<void> {
    const spanOptions = {
      name: `publish ${event.type}`,
      kind: SpanKind.PRODUCER,
      parent: extractTraceContext(event.headers),
      attributes: messageSpanAttributes({
        operation: 'publish',
        destination: this.options.exchange,
        eventId: event.id,
        routingKey: event.type,
        tenantId: event.tenantId,
        requestId: event.headers[REQUEST_ID_HEADER],
      }),
    };

    return withSpan(spanOptions, async (_span, spanContext) => {
      const body = Buffer.from(JSON.stringify(event.payload));
      const properties = {
        persistent: true,
        contentType: 'application/json',
        messageId: event.id,
        type: event.type,
        timestamp: Math.floor(Date.parse(event.payload.occurredAt) / 1000),
        appId: this.options.serviceName,
        headers: headersForPublish(event.headers, spanContext),
      };
      await this.connection.publish(
        this.options.exchange,
        event.type,
        body,
        properties,
        this.options.outbox.publishTimeoutMs,
      );
    });
  }

  private retryDelay(previousFailures: number): number {
    const { retryBackoffMs, maxRetryBackoffMs } = this.options.outbox;
    return Math.min(retryBackoffMs * 2 ** previousFailures, maxRetryBackoffMs);
  }
}
