import type { EntityManager } from 'typeorm';
import { DEFAULT_TIME_ZONE } from '../common/business-date.js';
import { BILLING_SCHEMA } from '../database/schema.js';

/** Facts needed to record a payment into a month, read in one statement. */
export interface PaymentContext {
  /** The member's branch from the replica; null when the tenant has no such member. */
  memberBranchId: string | null;
  /** The tenant's IANA zone, or the platform default before its replica arrives. */
  timeZone: string;
  monthLocked: boolean;
}

interface ContextRow {
  member_branch_id: string | null;
  time_zone: string | null;
  month_locked: boolean;
}

/**
 * Reads the member replica, the tenant's timezone and the month's lock in one round trip. Call
 * it after the month's shared advisory lock: a statement reads the commits made before it starts,
 * so a month lock taken before the advisory lock was granted is visible here.
 */
export async function readPaymentContext(
  manager: EntityManager,
  tenantId: string,
  memberId: string,
  month: string,
): Promise<PaymentContext> {
  const rows: ContextRow[] = await manager.query(
    `SELECT
       (SELECT branch_id FROM ${BILLING_SCHEMA}.member_replicas
         WHERE member_id = $2 AND tenant_id = $1) AS member_branch_id,
       (SELECT timezone FROM ${BILLING_SCHEMA}.tenant_replicas WHERE tenant_id = $1) AS time_zone,
       EXISTS (SELECT 1 FROM ${BILLING_SCHEMA}.revenue_month_locks
                WHERE tenant_id = $1 AND month = $3) AS month_locked`,
    [tenantId, memberId, month],
  );
  const row = rows[0]!;
  return {
    memberBranchId: row.member_branch_id,
    timeZone: row.time_zone ?? DEFAULT_TIME_ZONE,
    monthLocked: row.month_locked,
  };
}
