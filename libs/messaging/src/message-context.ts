import { randomUUID } from 'node:crypto';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import {
  getRequestContext,
  REQUEST_ID_SPAN_ATTRIBUTE,
  runWithRequestContext,
  TENANT_ID_SPAN_ATTRIBUTE,
} from '@gym/logging';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Delivery attempt of an event, 1 for the first delivery. Retries carry it in a copy of the message. */
export const ATTEMPT_HEADER = 'x-attempt';

/** Reason why a message was moved to the dead-letter queue. */
export const DEAD_LETTER_REASON_HEADER = 'x-dead-letter-reason';

export type MessageHeaders = Record<string, string>;

const tracer = trace.getTracer('@gym/messaging');

/** Captures the active trace context (`traceparent`, `tracestate`) and the request id as message headers. */
export function captureContextHeaders(): MessageHeaders {
  const headers: MessageHeaders = {};
  propagation.inject(context.active(), headers);

  const requestId = getRequestContext()?.requestId;
  if (requestId) headers[REQUEST_ID_HEADER] = requestId;

  return headers;
}

/** Returns the string headers of a received message, whose AMQP table may also contain numbers, buffers and arrays. */
export function stringHeaders(headers: Record<string, unknown> | undefined): MessageHeaders {
  const result: MessageHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (typeof value === 'string') result[name] = value;
    else if (Buffer.isBuffer(value)) result[name] = value.toString('utf8');
  }
  return result;
}

export interface MessageSpanFacts {
  operation: 'publish' | 'process';
  /** Exchange published to, or queue consumed from. */
  destination: string;
  eventId: string;
  routingKey: string;
  tenantId: string;
  requestId: string | undefined;
}

/**
 * Attributes of a publish or process span: OpenTelemetry messaging conventions plus the tenant
 * and request id. Event data never becomes an attribute, as it may hold personal data.
 */
export function messageSpanAttributes(facts: MessageSpanFacts): Attributes {
  const attributes: Attributes = {
    'messaging.system': 'rabbitmq',
    'messaging.operation.name': facts.operation,
    'messaging.operation.type': facts.operation === 'publish' ? 'send' : 'process',
    'messaging.destination.name': facts.destination,
    'messaging.message.id': facts.eventId,
    'messaging.rabbitmq.destination.routing_key': facts.routingKey,
    [TENANT_ID_SPAN_ATTRIBUTE]: facts.tenantId,
  };
  if (facts.requestId) attributes[REQUEST_ID_SPAN_ATTRIBUTE] = facts.requestId;
  return attributes;
}

export interface MessageSpanOptions {
  name: string;
  kind: SpanKind;
  parent: Context;
  attributes: Attributes;
}

/** Runs `work` inside a new span, ending it with an error status when `work` throws. */
export async function withSpan<T>(
  options: MessageSpanOptions,
  work: (span: Span, spanContext: Context) => Promise<T>,
): Promise<T> {
  const span = tracer.startSpan(
    options.name,
    { kind: options.kind, attributes: options.attributes },
    options.parent,
  );
  const spanContext = trace.setSpan(options.parent, span);
  try {
    return await context.with(spanContext, () => work(span, spanContext));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

/** Builds the headers of an outgoing message: the stored headers with the trace context of `spanContext`. */
export function headersForPublish(stored: MessageHeaders, spanContext: Context): MessageHeaders {
  const headers: MessageHeaders = { ...stored };
  delete headers.traceparent;
  delete headers.tracestate;
  propagation.inject(spanContext, headers);
  return headers;
}

export function extractTraceContext(headers: MessageHeaders): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/**
 * Runs `work` with the request id and tenant of a received message restored, so logs and
 * outgoing messages of the handler carry them. A message without a request id gets a new one.
 */
export function runWithMessageRequestContext<T>(
  headers: MessageHeaders,
  tenantId: string | undefined,
  work: () => T,
): T {
  const requestId = headers[REQUEST_ID_HEADER] || randomUUID();
  return runWithRequestContext(tenantId ? { requestId, tenantId } : { requestId }, work);
}
