import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { trace } from '@opentelemetry/api';
import { currentTraceId, shutdownTracing, startTracing } from '../src/index.js';

describe('currentTraceId', () => {
  before(() => {
    const env: NodeJS.ProcessEnv = { OTEL_SERVICE_NAME: 'trace-id-test' };
    startTracing(env);
  });
  after(() => shutdownTracing());

  test('returns the active span trace id', () => {
    const tracer = trace.getTracer('trace-id-test');

    const [traceId, spanTraceId] = tracer.startActiveSpan('outer', (span) => {
      const ids = [currentTraceId(), span.spanContext().traceId];
      span.end();
      return ids;
    });

    // A tracer without a provider returns the all-zero id of the invalid span context.
    assert.match(
      spanTraceId ?? '',
      /^(?!0{32})[0-9a-f]{32}$/,
      'tracing without an exporter still creates ids',
    );
    assert.equal(traceId, spanTraceId);
  });

  test('keeps the trace id across await', async () => {
    const tracer = trace.getTracer('trace-id-test');

    await tracer.startActiveSpan('async', async (span) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      assert.equal(currentTraceId(), span.spanContext().traceId);
      span.end();
    });
  });

  test('returns undefined outside a span', () => {
    assert.equal(currentTraceId(), undefined);
  });
});
