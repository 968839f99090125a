import { collectDefaultMetrics, register } from 'prom-client';

/** A metric that `collectDefaultMetrics()` registers, used to tell whether it already ran. */
const DEFAULT_METRIC_NAME = 'process_cpu_user_seconds_total';

/**
 * Starts prom-client's process and Node.js metrics on the default registry, once per process
 * (a second `collectDefaultMetrics()` throws on the duplicate names).
 */
export function collectDefaultMetricsOnce(): void {
  if (register.getSingleMetric(DEFAULT_METRIC_NAME)) {
    return;
  }
  collectDefaultMetrics();
}
