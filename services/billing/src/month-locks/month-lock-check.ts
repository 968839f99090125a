import type { EntityManager } from 'typeorm';
import { AppException } from '@gym/errors';
import { BILLING_SCHEMA } from '../database/schema.js';

/** Arbitrary constant naming the advisory locks that order month locking against writes into the month. */
const MONTH_LOCK_NAMESPACE = 7_340_103;

/**
 * Takes a transaction-level advisory lock on a tenant's month: shared for a write into the
 * month, exclusive for locking or unlocking it. A payment that checked the month therefore
 * commits before a concurrent lock of that month does, never after it.
 */
export async function lockMonthKey(
  manager: EntityManager,
  tenantId: string,
  month: string,
  mode: 'shared' | 'exclusive',
): Promise<void> {
  const lockFunction = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await manager.query(`SELECT ${lockFunction}($1, hashtext($2))`, [
    MONTH_LOCK_NAMESPACE,
    `${tenantId}:${month}`,
  ]);
}

/** Returns the months of `months` that the tenant has locked, in the caller's transaction. */
export async function lockedMonths(
  manager: EntityManager,
  tenantId: string,
  months: string[],
): Promise<string[]> {
  const rows: { month: string }[] = await manager.query(
    `SELECT month FROM ${BILLING_SCHEMA}.revenue_month_locks
      WHERE tenant_id = $1 AND month = ANY($2::text[]) ORDER BY month`,
    [tenantId, months],
  );
  return rows.map((row) => row.month);
}

/**
 * Raises 409 MONTH_LOCKED when any of `months` is locked for the tenant. It holds a shared
 * advisory lock on each month until the caller's transaction ends, so no lock can slip in
 * between this check and the commit of the write.
 */
export async function assertMonthsUnlocked(
  manager: EntityManager,
  tenantId: string,
  months: string[],
): Promise<void> {
  const unique = [...new Set(months)].sort();
  for (const month of unique) {
    await lockMonthKey(manager, tenantId, month, 'shared');
  }
  const locked = await lockedMonths(manager, tenantId, unique);
  if (locked.length > 0) {
    throw new AppException('MONTH_LOCKED', { month: locked[0] });
  }
}
