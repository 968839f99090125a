import type { Counter, Histogram } from 'prom-client';
import { getOrCreateCounter, getOrCreateHistogram } from './metric-factory.js';

export type HttpMetricLabel = 'method' | 'route' | 'status_code';

/** Route label of the requests that no controller route matched (404s of unknown paths). */
export const UNMATCHED_ROUTE = 'unmatched';

/** From 5 ms (a cached read) to 10 s (longer than an API request should take), in seconds. */
export const HTTP_DURATION_BUCKETS_SECONDS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

export function httpRequestDurationHistogram(): Histogram<HttpMetricLabel> {
  return getOrCreateHistogram({
    name: 'http_server_request_duration_seconds',
    help: 'Duration of the HTTP requests served, from the first middleware to the last byte sent',
    labelNames: ['method', 'route', 'status_code'],
    buckets: HTTP_DURATION_BUCKETS_SECONDS,
  });
}

export function httpServerErrorsCounter(): Counter<HttpMetricLabel> {
  return getOrCreateCounter({
    name: 'http_server_errors_total',
    help: 'HTTP responses with a 5xx status code',
    labelNames: ['method', 'route', 'status_code'],
  });
}
