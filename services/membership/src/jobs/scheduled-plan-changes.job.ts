import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { MEMBERSHIP_SCHEMA } from '../database/schema.js';
import { Member } from '../members/member.entity.js';
import { applyPlanChange } from '../plan-changes/apply-plan-change.js';
import { PlanChange } from '../plan-changes/plan-change.entity.js';
import { Plan } from '../plans/plan.entity.js';
import { jobFailures } from './job-metrics.js';
import type { JobResult } from './status-sync.job.js';
import { tenantDates, type JobMoment } from './tenant-dates.js';

export const PLAN_CHANGES_JOB = 'plan-changes';

/** Maximum length of the error text kept on a plan change row. */
const MAX_ERROR_LENGTH = 500;

/**
 * Applies the scheduled plan changes whose start date has come in their tenant's timezone,
 * each in its own transaction. A change locked by another runner is skipped and one already
 * APPLIED is not touched, so concurrent or repeated runs apply it once. A failure is logged,
 * counted and recorded on the row, which stays SCHEDULED for the next run.
 */
export async function runScheduledPlanChanges(
  dataSource: DataSource,
  logger: Logger,
  moment: JobMoment,
): Promise<JobResult> {
  const result: JobResult = { tenants: 0, changed: 0, failed: 0 };

  for (const tenant of await tenantDates(dataSource.manager, moment)) {
    const due: { id: string }[] = await dataSource.query(
      `SELECT id FROM ${MEMBERSHIP_SCHEMA}.plan_changes
        WHERE tenant_id = $1 AND status = 'SCHEDULED' AND start_date <= $2
        ORDER BY start_date, created_at`,
      [tenant.tenantId, tenant.date],
    );
    if (due.length > 0) result.tenants += 1;

    for (const { id } of due) {
      try {
        const applied = await applyDueChange(dataSource, id, tenant.date);
        if (applied) result.changed += 1;
      } catch (error) {
        result.failed += 1;
        jobFailures.inc({ job_name: PLAN_CHANGES_JOB });
        logger.error(
          { err: error, planChangeId: id, tenantId: tenant.tenantId, job: PLAN_CHANGES_JOB },
          'Applying a scheduled plan change failed; retrying on the next run',
        );
        await recordFailure(dataSource, id, error);
      }
    }
  }
  return result;
}

/** Applies one change. Returns false when another runner has locked it or it is no longer SCHEDULED. */
async function applyDueChange(dataSource: DataSource, changeId: string, today: string) {
  return dataSource.transaction(async (manager) => {
    const change = await manager
      .getRepository(PlanChange)
      .createQueryBuilder('change')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where("change.id = :changeId AND change.status = 'SCHEDULED'", { changeId })
      .getOne();
    if (!change) return false;

    const member = await manager
      .getRepository(Member)
      .createQueryBuilder('member')
      .setLock('pessimistic_write')
      .where('member.id = :memberId', { memberId: change.memberId })
      .getOneOrFail();
    // The plan was offered when the change was scheduled, so a later archive does not stop it.
    const plan = await manager.getRepository(Plan).findOneByOrFail({ id: change.toPlanId });
    await applyPlanChange(manager, member, change, plan, today);
    return true;
  });
}

async function recordFailure(dataSource: DataSource, changeId: string, error: unknown) {
  const message = (error instanceof Error ? error.message : String(error)).slice(
    0,
    MAX_ERROR_LENGTH,
  );
  await dataSource.query(
    `UPDATE ${MEMBERSHIP_SCHEMA}.plan_changes SET attempts = attempts + 1, last_error = $2
      WHERE id = $1 AND status = 'SCHEDULED'`,
    [changeId, message],
  );
}
