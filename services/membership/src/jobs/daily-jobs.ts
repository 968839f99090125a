import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { withJobLock } from './advisory-lock.js';
import { jobDuration, jobRuns } from './job-metrics.js';
import { PLAN_CHANGES_JOB, runScheduledPlanChanges } from './scheduled-plan-changes.job.js';
import { runStatusSync, STATUS_SYNC_JOB, type JobResult } from './status-sync.job.js';
import type { JobMoment } from './tenant-dates.js';

export const dailyJobNames = [PLAN_CHANGES_JOB, STATUS_SYNC_JOB] as const;
export type DailyJobName = (typeof dailyJobNames)[number];

export type JobRunOutcome =
  { job: DailyJobName; skipped: true } | ({ job: DailyJobName; skipped: false } & JobResult);

const jobs: Record<DailyJobName, typeof runStatusSync> = {
  [STATUS_SYNC_JOB]: runStatusSync,
  [PLAN_CHANGES_JOB]: runScheduledPlanChanges,
};

/**
 * Runs one daily job under its advisory lock, counting and timing the run. Plan changes run
 * before the status sync in `runDailyJobs`, so a member's new term counts for the same day.
 */
export async function runDailyJob(
  dataSource: DataSource,
  logger: Logger,
  job: DailyJobName,
  moment: JobMoment,
): Promise<JobRunOutcome> {
  const stopTimer = jobDuration.startTimer({ job_name: job });
  let result: JobResult | undefined;
  try {
    result = await withJobLock(dataSource, job, () => jobs[job](dataSource, logger, moment));
  } catch (error) {
    jobRuns.inc({ job_name: job, outcome: 'failed' });
    logger.error({ err: error, job }, 'Daily job failed; retrying on the next run');
    throw error;
  } finally {
    stopTimer();
  }

  if (!result) {
    jobRuns.inc({ job_name: job, outcome: 'skipped' });
    logger.debug({ job }, 'Daily job skipped because another process has its advisory lock');
    return { job, skipped: true };
  }
  jobRuns.inc({ job_name: job, outcome: result.failed > 0 ? 'failed' : 'completed' });
  const log = result.failed > 0 ? logger.warn.bind(logger) : logger.info.bind(logger);
  if (result.changed > 0 || result.failed > 0) {
    log({ job, ...result }, 'Daily job finished');
  }
  return { job, skipped: false, ...result };
}

export async function runDailyJobs(
  dataSource: DataSource,
  logger: Logger,
  moment: JobMoment,
): Promise<JobRunOutcome[]> {
  const outcomes: JobRunOutcome[] = [];
  for (const job of dailyJobNames) {
    outcomes.push(await runDailyJob(dataSource, logger, job, moment));
  }
  return outcomes;
}
