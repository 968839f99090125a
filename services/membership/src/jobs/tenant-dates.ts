import type { EntityManager } from 'typeorm';
import { businessDate, DEFAULT_TIME_ZONE } from '../common/business-date.js';
import { MEMBERSHIP_SCHEMA } from '../database/schema.js';

/** When a job evaluates tenants: at an instant (each tenant's own date) or on one given date. */
export type JobMoment = { at: Date } | { date: string };

export interface TenantDate {
  tenantId: string;
  date: string;
}

/**
 * Returns the business date of every tenant that has members, in its replica's timezone, or
 * Europe/Istanbul while the replica is missing.
 */
export async function tenantDates(
  manager: EntityManager,
  moment: JobMoment,
): Promise<TenantDate[]> {
  const rows: { tenant_id: string; timezone: string | null }[] = await manager.query(
    `SELECT tenants.tenant_id, replica.timezone
       FROM (SELECT DISTINCT tenant_id FROM ${MEMBERSHIP_SCHEMA}.members) AS tenants
       LEFT JOIN ${MEMBERSHIP_SCHEMA}.tenant_replicas AS replica USING (tenant_id)
      ORDER BY tenants.tenant_id`,
  );
  return rows.map((row) => ({
    tenantId: row.tenant_id,
    date:
      'date' in moment ? moment.date : businessDate(moment.at, row.timezone ?? DEFAULT_TIME_ZONE),
  }));
}
