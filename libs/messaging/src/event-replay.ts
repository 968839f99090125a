import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { MoreThan, type FindOptionsOrder, type FindOptionsWhere, type Repository } from 'typeorm';
import type { BrokerConnection } from './broker-connection.js';
import type { EventEnvelope } from './event-envelope.js';
import type { RpcServer } from './rpc-server.js';

/**
 * Every replay target queue starts with this prefix, so a replay request can only fill queues
 * made for replays and never inject events into a service's own event or RPC queue.
 */
export const REPLAY_QUEUE_PREFIX = 'replay.';

const REPLAY_QUEUE_PATTERN = /^replay\.[A-Za-z0-9_.-]{1,200}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RPC pattern of an owner's replay: `<service>.replay`. */
export function replayPattern(service: string): string {
  return `${service}.replay`;
}

export interface ReplayRequest {
  /** Replays one tenant; absent, every tenant. */
  tenantId?: string;
  /**
   * Queue the events are published to, named `replay.<...>`. The caller declares it, not
   * exclusive (the owner checks that it exists), best with `x-expires` so a leftover one goes away.
   */
  targetQueue: string;
}

export interface ReplayReply {
  /** Events published to the target queue and confirmed by the broker. */
  published: number;
}

/** An event that describes an entity's current state, in the shape of the owner's live events. */
export interface ReplayEvent {
  type: string;
  tenantId: string;
  data: unknown;
  /** The entity's last change; consumers that keep the newest state compare it with live events. */
  occurredAt: Date;
  /** Identifies the entity and its state, for example `<id>@<updatedAt>`. */
  entityKey: string;
}

/** Emits the owner's current state, page by page, for one tenant or all. */
export type ReplaySource = (
  tenantId: string | undefined,
  emit: (event: ReplayEvent) => Promise<void>,
) => Promise<void>;

export interface ReplayHandlerOptions {
  /** Events published before waiting for their confirms. Default 200. */
  batchSize?: number;
  /** Maximum wait for the broker's confirm of one event. Default 10000. */
  publishTimeoutMs?: number;
  logger: Logger;
}

/** Raised for a malformed replay request; the caller gets its code INVALID_REQUEST. */
class InvalidReplayRequestError extends Error {
  readonly code = 'INVALID_REQUEST';
}

/**
 * Derives a UUID from the event type and entity key, so replaying the same state twice yields
 * the same event ids and an inbox skips the repeat.
 */
export function replayEventId(type: string, entityKey: string): string {
  const hex = createHash('sha256').update(`${type}|${entityKey}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function parseRequest(payload: unknown): ReplayRequest {
  const request = (payload ?? {}) as Partial<ReplayRequest>;
  const { tenantId, targetQueue } = request;
  if (tenantId !== undefined && (typeof tenantId !== 'string' || !UUID_PATTERN.test(tenantId))) {
    throw new InvalidReplayRequestError(`Invalid replay tenantId ${JSON.stringify(tenantId)}`);
  }
  if (typeof targetQueue !== 'string' || !REPLAY_QUEUE_PATTERN.test(targetQueue)) {
    throw new InvalidReplayRequestError(
      `Invalid replay targetQueue ${JSON.stringify(targetQueue)}: expected ${REPLAY_QUEUE_PREFIX}<letters, digits, '.', '_' or '-'>`,
    );
  }
  return { tenantId, targetQueue };
}

/**
 * Serves `<service>.replay`: checks that the target queue exists, publishes every event the
 * source emits straight to it with publisher confirms, and returns the number published.
 */
export function registerReplayHandler(
  server: RpcServer,
  connection: BrokerConnection,
  service: string,
  source: ReplaySource,
  options: ReplayHandlerOptions,
): void {
  const batchSize = options.batchSize ?? 200;
  const timeoutMs = options.publishTimeoutMs ?? 10_000;
  const logger = options.logger.child({ component: 'event-replay' });

  server.handle<unknown, ReplayReply>(replayPattern(service), async (payload) => {
    const { tenantId, targetQueue } = parseRequest(payload);
    await connection.checkQueue(targetQueue);

    let published = 0;
    let pending: Promise<void>[] = [];
    const flush = async () => {
      await Promise.all(pending);
      published += pending.length;
      pending = [];
    };

    await source(tenantId, async (event) => {
      const envelope: EventEnvelope = {
        id: replayEventId(event.type, event.entityKey),
        type: event.type,
        version: 1,
        occurredAt: event.occurredAt.toISOString(),
        tenantId: event.tenantId,
        data: event.data,
      };
      pending.push(
        connection.publish(
          '',
          targetQueue,
          Buffer.from(JSON.stringify(envelope)),
          { persistent: true, contentType: 'application/json', messageId: envelope.id },
          timeoutMs,
        ),
      );
      if (pending.length >= batchSize) await flush();
    });
    await flush();

    logger.info({ service, tenantId, targetQueue, published }, 'Replayed the current state');
    return { published };
  });
}

/** Rows read per query while replaying. */
const REPLAY_PAGE_SIZE = 500;

/**
 * Reads the rows of an entity with a uuid `id` in id order, one page at a time, so a replay of
 * millions of rows holds one page in memory.
 */
export async function* pagesById<T extends { id: string }>(
  repository: Repository<T>,
  where: FindOptionsWhere<T>,
): AsyncGenerator<T> {
  let after: string | undefined;
  for (;;) {
    const rows = await repository.find({
      where: { ...where, ...(after ? { id: MoreThan(after) } : {}) } as FindOptionsWhere<T>,
      order: { id: 'ASC' } as FindOptionsOrder<T>,
      take: REPLAY_PAGE_SIZE,
    });
    yield* rows;
    if (rows.length < REPLAY_PAGE_SIZE) return;
    after = rows[rows.length - 1]!.id;
  }
}
