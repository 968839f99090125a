import { jobDurationHistogram, jobFailuresCounter, jobRunsCounter } from '@gym/telemetry';

export const jobRuns = jobRunsCounter();
export const jobFailures = jobFailuresCounter();
export const jobDuration = jobDurationHistogram();
