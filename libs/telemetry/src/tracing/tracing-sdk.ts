import { diag } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  NoopSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { createInstrumentations } from './instrumentations.js';

/** Upper bound for exporting the last spans, so that tracing never holds up a shutdown for long. */
export const TRACING_SHUTDOWN_TIMEOUT_MS = 3000;

let sdk: NodeSDK | undefined;
let spanProcessor: SpanProcessor | undefined;

/**
 * Starts the OpenTelemetry Node SDK once per process: W3C trace-context propagation, the HTTP,
 * Express and pg instrumentations, and `service.name` from `OTEL_SERVICE_NAME`. Spans go to an
 * OTLP/HTTP exporter only when `OTEL_EXPORTER_OTLP_ENDPOINT` (or the traces-only variant) is set.
 * Without one, spans are still created and propagated, so trace ids reach logs and peers, and
 * are dropped when they end.
 */
export function startTracing(
  env: NodeJS.ProcessEnv = process.env,
  instrumentations: Instrumentation[] = createInstrumentations(),
): void {
  if (sdk) {
    return;
  }

  spanProcessor = createSpanProcessor(env);
  sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME,
    textMapPropagator: new W3CTraceContextPropagator(),
    spanProcessors: [spanProcessor],
    // Metrics are served by prom-client and logs are written by pino, so the SDK must not
    // start its own OTLP exporters for them (its default when these lists are missing).
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations,
  });
  sdk.start();
}

function createSpanProcessor(env: NodeJS.ProcessEnv): SpanProcessor {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) {
    return new NoopSpanProcessor();
  }

  // The exporter reads the endpoint, headers and timeout from the same OTEL_* variables.
  return new BatchSpanProcessor({ exporter: new OTLPTraceExporter() });
}

/**
 * Exports the spans that have ended and stops the SDK. Resolves `false` instead of waiting
 * longer than `timeoutMs`, and `true` when tracing was never started.
 */
export async function shutdownTracing(timeoutMs = TRACING_SHUTDOWN_TIMEOUT_MS): Promise<boolean> {
  const running = sdk;
  if (!running) {
    return true;
  }

  sdk = undefined;
  spanProcessor = undefined;
  return settleWithin(running.shutdown(), timeoutMs, 'shutdown');
}

/** Exports the spans that have ended so far, keeping the SDK running. */
export async function flushTracing(timeoutMs = TRACING_SHUTDOWN_TIMEOUT_MS): Promise<boolean> {
  if (!spanProcessor) {
    return true;
  }

  return settleWithin(spanProcessor.forceFlush(), timeoutMs, 'flush');
}

async function settleWithin(
  work: Promise<void>,
  timeoutMs: number,
  action: string,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
  });
  const done = work.then(
    () => true,
    (error: unknown) => {
      diag.error(`Tracing ${action} failed`, error);
      return false;
    },
  );

  try {
    const settled = await Promise.race([done, timeout]);
    if (!settled) {
      diag.warn(`Tracing ${action} did not finish within ${timeoutMs} ms; spans may be lost`);
    }
    return settled;
  } finally {
    clearTimeout(timer);
  }
}
