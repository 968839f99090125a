import type { EntityManager, QueryDeepPartialEntity } from 'typeorm';
import { createEventEnvelope, type EventEnvelope, type NewEvent } from './event-envelope.js';
import { captureContextHeaders } from './message-context.js';
import { markOutboxPending } from './outbox-commit.subscriber.js';
import { OutboxEvent } from './outbox-event.entity.js';

/**
 * Outbox rows per INSERT statement. Each row takes five bind parameters, and PostgreSQL accepts
 * at most 65,535 per statement.
 */
const ROWS_PER_STATEMENT = 1_000;

/**
 * Writes events to the outbox in the caller's transaction with multi-row INSERTs, in the order
 * given, all with the trace context and request id active at this moment. Returns their envelopes
 * in the same order. The relay publishes them after the commit, and a rollback discards them, as
 * for `enqueueEvent`.
 */
export async function enqueueEvents<T>(
  manager: EntityManager,
  events: NewEvent<T>[],
): Promise<EventEnvelope<T>[]> {
  const queryRunner = manager.queryRunner;
  if (!queryRunner?.isTransactionActive) {
    const types = [...new Set(events.map((event) => event.type))].join(', ');
    throw new Error(
      `Enqueuing ${types || 'no event'} needs the EntityManager of an open transaction, such as the one dataSource.transaction() passes, so the event commits with the state change`,
    );
  }

  const envelopes = events.map((event) => createEventEnvelope(event));
  const headers = captureContextHeaders();
  const rows = envelopes.map((envelope): QueryDeepPartialEntity<OutboxEvent> => ({
    id: envelope.id,
    type: envelope.type,
    tenantId: envelope.tenantId,
    // The envelope's data is arbitrary JSON, which TypeORM's deep partial type cannot describe.
    payload: envelope as QueryDeepPartialEntity<EventEnvelope>,
    headers,
  }));

  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(OutboxEvent)
      .values(rows.slice(start, start + ROWS_PER_STATEMENT))
      .updateEntity(false)
      .execute();
  }
  if (rows.length > 0) markOutboxPending(queryRunner);

  return envelopes;
}
