import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { enqueueEvent } from '@gym/messaging';
import { MEMBERSHIP_SCHEMA } from '../database/schema.js';
import { memberStatusSql } from '../members/member-status.js';
import { jobFailures } from './job-metrics.js';
import { tenantDates, type JobMoment, type TenantDate } from './tenant-dates.js';

const s = MEMBERSHIP_SCHEMA;
export const STATUS_SYNC_JOB = 'status-sync';

export interface JobResult {
  tenants: number;
  changed: number;
  failed: number;
}

interface ChangedMember {
  id: string;
  tenant_id: string;
  branch_id: string;
  plan_id: string;
  status: string;
  previous_status: string;
  membership_start_date: string;
  membership_end_date: string;
  created_at: Date;
}

/**
 * Stores each member's status for its tenant's date (PASSIVE after the end date, FROZEN during a
 * freeze, ACTIVE otherwise) and publishes membership.member.status-changed for each change. A
 * tenant is synced once per date; a failed tenant is logged, counted and retried on the next run.
 */
export async function runStatusSync(
  dataSource: DataSource,
  logger: Logger,
  moment: JobMoment,
): Promise<JobResult> {
  const tenants = await tenantDates(dataSource.manager, moment);
  const result: JobResult = { tenants: 0, changed: 0, failed: 0 };
  const force = 'date' in moment;

  for (const tenant of tenants) {
    try {
      const changed = await dataSource.transaction((manager) => syncTenant(manager, tenant, force));
      if (changed === undefined) continue;
      result.tenants += 1;
      result.changed += changed;
    } catch (error) {
      result.failed += 1;
      jobFailures.inc({ job_name: STATUS_SYNC_JOB });
      logger.error(
        { err: error, tenantId: tenant.tenantId, date: tenant.date, job: STATUS_SYNC_JOB },
        'Status sync failed for a tenant; retrying on the next run',
      );
    }
  }
  return result;
}

/** Syncs one tenant; returns undefined when its date was already synced and `force` is off. */
async function syncTenant(
  manager: EntityManager,
  tenant: TenantDate,
  force: boolean,
): Promise<number | undefined> {
  const [progress] = await manager.query(
    `SELECT last_date::text FROM ${s}.daily_job_progress WHERE job = $1 AND tenant_id = $2 FOR UPDATE`,
    [STATUS_SYNC_JOB, tenant.tenantId],
  );
  if (!force && progress && progress.last_date >= tenant.date) {
    return undefined;
  }

  const status = memberStatusSql('m', '$2::date');
  const [changed]: [ChangedMember[], number] = await manager.query(
    `WITH changed AS (
       SELECT m.id, m.status AS previous_status, ${status} AS next_status
         FROM ${s}.members m
        WHERE m.tenant_id = $1 AND m.status IS DISTINCT FROM ${status}
        FOR UPDATE OF m)
     UPDATE ${s}.members AS target
        SET status = changed.next_status, updated_at = now()
       FROM changed
      WHERE target.id = changed.id
     RETURNING target.id, target.tenant_id, target.branch_id, target.plan_id, target.status,
       changed.previous_status, target.membership_start_date::text,
       target.membership_end_date::text, target.created_at`,
    [tenant.tenantId, tenant.date],
  );

  for (const member of changed) {
    await enqueueEvent(manager, {
      type: 'membership.member.status-changed',
      tenantId: tenant.tenantId,
      data: {
        memberId: member.id,
        branchId: member.branch_id,
        planId: member.plan_id,
        status: member.status,
        previousStatus: member.previous_status,
        membershipStartDate: member.membership_start_date,
        membershipEndDate: member.membership_end_date,
        createdAt: new Date(member.created_at).toISOString(),
        date: tenant.date,
      },
    });
  }
  await manager.query(
    `INSERT INTO ${s}.daily_job_progress (job, tenant_id, last_date) VALUES ($1, $2, $3)
     ON CONFLICT (job, tenant_id) DO UPDATE
       SET last_date = GREATEST(daily_job_progress.last_date, EXCLUDED.last_date), updated_at = now()`,
    [STATUS_SYNC_JOB, tenant.tenantId, tenant.date],
  );
  return changed.length;
}
