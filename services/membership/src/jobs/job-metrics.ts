import { getOrCreateCounter, getOrCreateHistogram } from '@gym/telemetry';

/** Runs of the daily jobs by outcome: completed, failed (some items failed) or skipped (lock held). */
export const jobRuns = getOrCreateCounter({
  name: 'membership_job_runs_total',
  help: 'Runs of membership daily jobs by job and outcome',
  labelNames: ['job', 'outcome'] as const,
});

/** Items (a tenant's status sync, one plan change) that failed and wait for the next run. */
export const jobFailures = getOrCreateCounter({
  name: 'membership_job_failures_total',
  help: 'Failed items of membership daily jobs by job; each is retried on the next run',
  labelNames: ['job'] as const,
});

export const jobDuration = getOrCreateHistogram({
  name: 'membership_job_duration_seconds',
  help: 'Duration of membership daily job runs in seconds',
  labelNames: ['job'] as const,
  buckets: [0.05, 0.25, 1, 5, 30, 120, 600],
});
