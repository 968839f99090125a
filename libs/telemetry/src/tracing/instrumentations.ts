import type { IncomingMessage } from 'node:http';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { incomingRequestAttributes, outgoingRequestAttributes } from './query-redaction.js';

/** Paths polled by probes and Prometheus: a span per poll would bury the request traces. */
const UNTRACED_PATH = /^\/(health(\/|$)|metrics(\?|$))/;

export function createInstrumentations(): [
  HttpInstrumentation,
  ExpressInstrumentation,
  PgInstrumentation,
] {
  return [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request: IncomingMessage) =>
        UNTRACED_PATH.test(request.url ?? ''),
      startIncomingSpanHook: incomingRequestAttributes,
      startOutgoingSpanHook: outgoingRequestAttributes,
    }),
    // Nest mounts several middleware functions per request (body parsers, CORS); their spans
    // carry no information that the request handler span does not.
    new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
    // Background queries without a parent span, such as those of a poller that opens no span of
    // its own, would each start a trace of one span.
    new PgInstrumentation({ requireParentSpan: true }),
  ];
}
