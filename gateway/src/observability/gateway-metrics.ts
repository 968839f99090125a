import type { Counter, Gauge, Histogram } from 'prom-client';
import {
  collectDefaultMetricsOnce,
  getOrCreateCounter,
  getOrCreateGauge,
  httpRequestDurationHistogram,
  httpServerErrorsCounter,
  type HttpMetricLabel,
} from '@gym/telemetry';

/** Values of `gateway_upstream_circuit_state`, as opossum names the states. */
export const CIRCUIT_STATE = { closed: 0, halfOpen: 1, open: 2 } as const;

/** The gateway's metrics on prom-client's default registry, served at /metrics with the process and Node.js metrics. */
export interface GatewayMetrics {
  requestDuration: Histogram<HttpMetricLabel>;
  requests: Counter<HttpMetricLabel>;
  serverErrors: Counter<HttpMetricLabel>;
  rateLimitRejections: Counter<'limiter'>;
  circuitState: Gauge<'service'>;
  upstreamFailures: Counter<'service' | 'reason'>;
  upstreamRetries: Counter<'service'>;
}

export function gatewayMetrics(): GatewayMetrics {
  collectDefaultMetricsOnce();
  return {
    requestDuration: httpRequestDurationHistogram(),
    requests: getOrCreateCounter({
      name: 'gateway_http_requests_total',
      help: 'Responses the gateway sent, by route (express-gateway pipeline) and status code',
      labelNames: ['method', 'route', 'status_code'],
    }),
    serverErrors: httpServerErrorsCounter(),
    rateLimitRejections: getOrCreateCounter({
      name: 'gateway_rate_limit_rejections_total',
      help: 'Requests rejected with 429 because a per-client limit was used up',
      labelNames: ['limiter'],
    }),
    circuitState: getOrCreateGauge({
      name: 'gateway_upstream_circuit_state',
      help: 'Circuit breaker state per upstream service: 0 closed, 1 half-open, 2 open',
      labelNames: ['service'],
    }),
    upstreamFailures: getOrCreateCounter({
      name: 'gateway_upstream_failures_total',
      help: 'Proxied calls that failed: connection error, timeout, 5xx gateway status or open circuit',
      labelNames: ['service', 'reason'],
    }),
    upstreamRetries: getOrCreateCounter({
      name: 'gateway_upstream_retries_total',
      help: 'Proxied requests sent again on a new connection after the upstream reset a reused keep-alive connection',
      labelNames: ['service'],
    }),
  };
}
