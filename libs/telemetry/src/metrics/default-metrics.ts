import { collectDefaultMetrics, register } from 'prom-client';

/** A metric that `collectDefaultMetrics()` registers, used to tell whether it already ran. */
const DEFAULT_METRIC_NAME = 'process_cpu_user_seconds_total';

/**
 * Gauges of prom-client named like counters, which `promtool check metrics` rejects. Each is the
 * sum of `nodejs_active_handles`, `nodejs_active_requests` or `nodejs_active_resources` by type.
 */
export const GAUGES_WITH_TOTAL_SUFFIX = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/**
 * Starts prom-client's process and Node.js metrics on the default registry, once per process
 * (a second `collectDefaultMetrics()` throws on the duplicate names), without the gauges that
 * break Prometheus naming.
 */
export function collectDefaultMetricsOnce(): void {
  if (register.getSingleMetric(DEFAULT_METRIC_NAME)) {
    return;
  }
  collectDefaultMetrics();
  for (const name of GAUGES_WITH_TOTAL_SUFFIX) register.removeSingleMetric(name);
}
