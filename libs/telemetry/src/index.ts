export * from './tracing/trace-id.js';
export {
  flushTracing,
  shutdownTracing,
  startTracing,
  TRACING_SHUTDOWN_TIMEOUT_MS,
} from './tracing/tracing-sdk.js';
export * from './tracing/tracing.module.js';
export * from './metrics/metric-factory.js';
export * from './metrics/default-metrics.js';
export * from './metrics/http-metrics.js';
export * from './metrics/http-metrics.middleware.js';
export * from './metrics/metrics.controller.js';
export * from './metrics/metrics.module.js';
export * from './metrics/job-metrics.js';
export * from './metrics/database-pool-metrics.js';
export * from './metrics/messaging-metrics.js';
