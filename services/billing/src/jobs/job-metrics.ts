import { getOrCreateCounter, getOrCreateHistogram } from '@gym/telemetry';

/** Runs of billing's jobs by outcome: completed, failed (some tenants failed) or skipped (lock held). */
export const jobRuns = getOrCreateCounter({
  name: 'billing_job_runs_total',
  help: 'Runs of billing scheduled jobs by job and outcome',
  labelNames: ['job', 'outcome'] as const,
});

/** Tenants whose change failed and waits for the next run. */
export const jobFailures = getOrCreateCounter({
  name: 'billing_job_failures_total',
  help: 'Failed tenants of billing scheduled jobs by job; each is retried on the next run',
  labelNames: ['job'] as const,
});

export const jobDuration = getOrCreateHistogram({
  name: 'billing_job_duration_seconds',
  help: 'Duration of billing scheduled job runs in seconds',
  labelNames: ['job'] as const,
  buckets: [0.05, 0.25, 1, 5, 30, 120, 600],
});
