import type { IncomingMessage } from 'node:http';
import { builtinModules } from 'node:module';
import type { Instrumentation, InstrumentationBase } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { incomingRequestAttributes, outgoingRequestAttributes } from './query-redaction.js';

/** Paths polled by probes and Prometheus: a span per poll would bury the request traces. */
const UNTRACED_PATH = /^\/(health(\/|$)|metrics(\?|$))/;

/** Creates the instrumentations of the services and the gateway, disabled until the tracing SDK starts them. */
export function createInstrumentations(): Instrumentation[] {
  return [
    new HttpInstrumentation({
      enabled: false,
      ignoreIncomingRequestHook: (request: IncomingMessage) =>
        UNTRACED_PATH.test(request.url ?? ''),
      startIncomingSpanHook: incomingRequestAttributes,
      startOutgoingSpanHook: outgoingRequestAttributes,
    }),
    // Nest mounts several middleware functions per request (body parsers, CORS); their spans
    // carry no information that the request handler span does not.
    new ExpressInstrumentation({ enabled: false, ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
    // Background queries without a parent span, such as those of a poller that opens no span of
    // its own, would each start a trace of one span. A span for each connection taken from the
    // pool would add spans to every transaction that the query spans already cover.
    new PgInstrumentation({ enabled: false, requireParentSpan: true, ignoreConnectSpans: true }),
  ];
}

/** Returns the names of the modules the instrumentations patch, Node's built-ins in both spellings. */
export function instrumentedModules(instrumentations: Instrumentation[]): string[] {
  const names = instrumentations.flatMap((instrumentation) =>
    (instrumentation as InstrumentationBase).getModuleDefinitions().map((module) => module.name),
  );
  const spellings = names.flatMap((name) =>
    builtinModules.includes(name) ? [name, `node:${name}`] : [name],
  );
  return [...new Set(spellings)];
}
