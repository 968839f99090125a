import type { DataSource, EntityManager } from 'typeorm';
import type { OutboxBacklog } from './messaging.metrics.js';
import { OutboxEvent } from './outbox-event.entity.js';

// Keeps the stored error short enough to read in a query result.
const MAX_ERROR_LENGTH = 2000;

/**
 * Locks up to `limit` due, unsent rows in insertion order. SKIP LOCKED passes over rows that another
 * relay holds, so two replicas never publish the same row at once.
 */
export function claimDueEvents(manager: EntityManager, limit: number): Promise<OutboxEvent[]> {
  return manager
    .getRepository(OutboxEvent)
    .createQueryBuilder('outbox')
    .where('outbox.sentAt IS NULL')
    .andWhere('outbox.nextAttemptAt <= now()')
    .orderBy('outbox.position', 'ASC')
    .limit(limit)
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .getMany();
}

export async function markSent(manager: EntityManager, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await manager
    .createQueryBuilder()
    .update(OutboxEvent)
    .set({ sentAt: () => 'now()', lastError: null })
    .whereInIds(ids)
    .execute();
}

/** Counts a failed publish and schedules the next attempt `delayMs` from now by the database clock. */
export async function markFailed(
  manager: EntityManager,
  id: string,
  error: Error,
  delayMs: number,
): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(OutboxEvent)
    .set({
      attempts: () => 'attempts + 1',
      nextAttemptAt: () => "now() + :delayMs * interval '1 millisecond'",
      lastError: error.message.slice(0, MAX_ERROR_LENGTH),
    })
    .setParameter('delayMs', delayMs)
    .whereInIds([id])
    .execute();
}

/** Deletes rows sent before `cutoff` and returns how many were deleted. */
export async function deleteSentBefore(dataSource: DataSource, cutoff: Date): Promise<number> {
  const result = await dataSource
    .createQueryBuilder()
    .delete()
    .from(OutboxEvent)
    .where('sent_at < :cutoff', { cutoff })
    .execute();
  return result.affected ?? 0;
}

export async function readBacklog(dataSource: DataSource): Promise<OutboxBacklog> {
  const row = await dataSource
    .getRepository(OutboxEvent)
    .createQueryBuilder('outbox')
    .select('COUNT(*)', 'size')
    .addSelect('COALESCE(EXTRACT(EPOCH FROM now() - MIN(outbox.createdAt)), 0)', 'oldest')
    .where('outbox.sentAt IS NULL')
    .getRawOne<{ size: string; oldest: string }>();

  return { size: Number(row?.size ?? 0), oldestAgeSeconds: Number(row?.oldest ?? 0) };
}
