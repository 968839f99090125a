import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { BILLING_SCHEMA } from '../database/schema.js';
import { changeSubscriptionStatus } from '../subscription/subscription-changes.js';
import type { SubscriptionStatus } from '../subscription/subscription.entity.js';
import { withJobLock } from './advisory-lock.js';
import { jobDuration, jobFailures, jobRuns } from './job-metrics.js';

export const SUBSCRIPTION_JOB = 'subscription-status';

export interface SubscriptionJobSettings {
  /** Days a tenant stays PAST_DUE before it is SUSPENDED. */
  suspendAfterDays: number;
}

export type SubscriptionJobOutcome =
  { skipped: true } | { skipped: false; changed: number; failed: number };

interface DueTenant {
  tenant_id: string;
  next_status: SubscriptionStatus;
}

/**
 * Moves ended trials to PAST_DUE and tenants PAST_DUE for longer than suspendAfterDays to
 * SUSPENDED, each tenant in its own transaction with its event. Trial ends and overdue periods
 * are instants, so no timezone applies. A failed tenant is logged, counted and retried on the
 * next run. A tenant that was moved is not selected again, so repeated runs add no events.
 */
export async function runSubscriptionJob(
  dataSource: DataSource,
  logger: Logger,
  settings: SubscriptionJobSettings,
  at: Date,
): Promise<SubscriptionJobOutcome> {
  const stopTimer = jobDuration.startTimer({ job_name: SUBSCRIPTION_JOB });
  try {
    const result = await withJobLock(dataSource, SUBSCRIPTION_JOB, () =>
      moveDueTenants(dataSource, logger, settings, at),
    );
    if (!result) {
      jobRuns.inc({ job_name: SUBSCRIPTION_JOB, outcome: 'skipped' });
      return { skipped: true };
    }
    jobRuns.inc({
      job_name: SUBSCRIPTION_JOB,
      outcome: result.failed > 0 ? 'failed' : 'completed',
    });
    if (result.changed > 0 || result.failed > 0) {
      logger.info({ job: SUBSCRIPTION_JOB, ...result }, 'Subscription job finished');
    }
    return { skipped: false, ...result };
  } catch (error) {
    jobRuns.inc({ job_name: SUBSCRIPTION_JOB, outcome: 'failed' });
    logger.error(
      { err: error, job: SUBSCRIPTION_JOB },
      'Subscription job failed; retrying on the next run',
    );
    throw error;
  } finally {
    stopTimer();
  }
}

async function moveDueTenants(
  dataSource: DataSource,
  logger: Logger,
  settings: SubscriptionJobSettings,
  at: Date,
): Promise<{ changed: number; failed: number }> {
  const due: DueTenant[] = await dataSource.query(
    `SELECT tenant_id, 'PAST_DUE' AS next_status FROM ${BILLING_SCHEMA}.subscriptions
      WHERE status = 'TRIAL' AND trial_ends_at <= $1
     UNION ALL
     SELECT tenant_id, 'SUSPENDED' FROM ${BILLING_SCHEMA}.subscriptions
      WHERE status = 'PAST_DUE' AND status_changed_at <= $1::timestamptz - make_interval(days => $2)
     ORDER BY tenant_id`,
    [at, settings.suspendAfterDays],
  );

  const result = { changed: 0, failed: 0 };
  for (const tenant of due) {
    try {
      await dataSource.transaction((manager) =>
        changeSubscriptionStatus(manager, tenant.tenant_id, tenant.next_status, 'daily-job'),
      );
      result.changed += 1;
    } catch (error) {
      result.failed += 1;
      jobFailures.inc({ job_name: SUBSCRIPTION_JOB });
      logger.error(
        { err: error, tenantId: tenant.tenant_id, job: SUBSCRIPTION_JOB },
        'Changing a subscription status failed; retrying on the next run',
      );
    }
  }
  return result;
}
