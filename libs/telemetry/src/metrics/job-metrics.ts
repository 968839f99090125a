import type { Counter, Histogram } from 'prom-client';
import { getOrCreateCounter, getOrCreateHistogram } from './metric-factory.js';

// The label is `job_name`, not `job`: Prometheus sets `job` on every scraped series to the
// scrape job, and would rename a `job` label of the service to `exported_job`.

/** Runs of scheduled jobs by outcome: completed, failed (the run or some tenants failed) or skipped (lock held elsewhere). */
export function jobRunsCounter(): Counter<'job_name' | 'outcome'> {
  return getOrCreateCounter({
    name: 'job_runs_total',
    help: 'Runs of scheduled jobs by job and outcome: completed, failed or skipped',
    labelNames: ['job_name', 'outcome'],
  });
}

/** Tenants whose part of a job run failed; each is retried on the next run. */
export function jobFailuresCounter(): Counter<'job_name'> {
  return getOrCreateCounter({
    name: 'job_failures_total',
    help: 'Tenants whose part of a scheduled job run failed; each is retried on the next run',
    labelNames: ['job_name'],
  });
}

export function jobDurationHistogram(): Histogram<'job_name'> {
  return getOrCreateHistogram({
    name: 'job_duration_seconds',
    help: 'Duration of scheduled job runs in seconds',
    labelNames: ['job_name'],
    buckets: [0.05, 0.25, 1, 5, 30, 120, 600],
  });
}
