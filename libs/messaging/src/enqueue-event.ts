import type { EntityManager, QueryDeepPartialEntity } from 'typeorm';
import { createEventEnvelope, type EventEnvelope, type NewEvent } from './event-envelope.js';
import { captureContextHeaders } from './message-context.js';
import { markOutboxPending } from './outbox-commit.subscriber.js';
import { OutboxEvent } from './outbox-event.entity.js';

/**
 * Writes an event to the outbox in the caller's transaction, with the trace context and request id
 * active at this moment. The relay publishes it after the commit, and a rollback discards it.
 * Inside a MessagingModule application the relay is woken when the transaction commits. Elsewhere,
 * call `OutboxRelay.wake()` after the commit to publish without waiting for the next poll.
 */
export async function enqueueEvent<T>(
  manager: EntityManager,
  event: NewEvent<T>,
): Promise<EventEnvelope<T>> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error(
      `enqueueEvent(${event.type}) needs the EntityManager of an open transaction, such as the one dataSource.transaction() passes, so the event commits with the state change`,
    );
  }

  const envelope = createEventEnvelope(event);
  const row: QueryDeepPartialEntity<OutboxEvent> = {
    id: envelope.id,
    type: envelope.type,
    tenantId: envelope.tenantId,
    // The envelope's data is arbitrary JSON, which TypeORM's deep partial type cannot describe.
    payload: envelope as QueryDeepPartialEntity<EventEnvelope>,
    headers: captureContextHeaders(),
  };
  await manager
    .createQueryBuilder()
    .insert()
    .into(OutboxEvent)
    .values(row)
    .updateEntity(false)
    .execute();
  markOutboxPending(manager.queryRunner);

  return envelope;
}
