import type { EntityManager } from 'typeorm';
import type { EventEnvelope, NewEvent } from './event-envelope.js';
import { enqueueEvents } from './enqueue-events.js';

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
  const [envelope] = await enqueueEvents(manager, [event]);
  return envelope!;
}
