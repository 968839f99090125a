import { isSpanContextValid, trace } from '@opentelemetry/api';

/** Returns the trace id of the active span, or `undefined` outside a span or with tracing off. */
export function currentTraceId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) {
    return undefined;
  }
  return spanContext.traceId;
}
