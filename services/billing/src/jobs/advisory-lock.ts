import type { DataSource } from 'typeorm';

/** Arbitrary constant naming the advisory locks of billing's scheduled jobs. */
const JOB_LOCK_NAMESPACE = 7_340_104;

/**
 * Runs `work` while holding a session-level PostgreSQL advisory lock named after the job, on a
 * connection of its own. When another process holds the lock the work is skipped and undefined
 * returned, so several replicas run each job once.
 */
export async function withJobLock<T>(
  dataSource: DataSource,
  job: string,
  work: () => Promise<T>,
): Promise<T | undefined> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [row] = await runner.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS acquired', [
      JOB_LOCK_NAMESPACE,
      job,
    ]);
    if (!row.acquired) return undefined;
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [JOB_LOCK_NAMESPACE, job]);
    }
  } finally {
    await runner.release();
  }
}
