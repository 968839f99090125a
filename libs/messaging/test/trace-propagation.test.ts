import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { getRequestContext, runWithRequestContext } from '@gym/logging';
import {
  BrokerConnection,
  enqueueEvent,
  EventConsumer,
  OutboxRelay,
  type ResolvedMessagingOptions,
} from '../src/index.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { deleteBrokerObjects, testOptions, waitFor } from './support/test-broker.js';

const TENANT = 'tenant-trace';
const EVENT_TYPE = 'membership.member.created';

// This file runs in its own process, so the global OpenTelemetry setup stays local to it.
const exporter = new InMemorySpanExporter();
trace.setGlobalTracerProvider(
  new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }),
);
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
propagation.setGlobalPropagator(new W3CTraceContextPropagator());

interface HandlerObservation {
  traceId: string | undefined;
  requestId: string | undefined;
  tenantId: string | undefined;
}

describe('trace propagation', () => {
  let database: TestDatabase;
  let options: ResolvedMessagingOptions;
  let connection: BrokerConnection;
  let relay: OutboxRelay;
  let consumer: EventConsumer;
  const observations: HandlerObservation[] = [];

  before(async () => {
    database = await createTestDatabase();
    options = testOptions({ subscriptions: [EVENT_TYPE] });
    connection = new BrokerConnection(options);
    relay = new OutboxRelay(database.dataSource, connection, options);
    consumer = new EventConsumer(database.dataSource, connection, options);
    consumer.register(EVENT_TYPE, async () => {
      observations.push({
        traceId: trace.getActiveSpan()?.spanContext().traceId,
        requestId: getRequestContext()?.requestId,
        tenantId: getRequestContext()?.tenantId,
      });
    });
    await connection.start();
    await consumer.start();
    relay.start();
  });

  after(async () => {
    await consumer.stop();
    await relay.stop();
    await connection.close();
    await deleteBrokerObjects(options);
    await database.drop();
  });

  test('trace context, request id and tenant reach the handler and name both spans', async () => {
    const tracer = trace.getTracer('trace-propagation-test');
    const requestSpan = tracer.startSpan('POST /members', { kind: SpanKind.SERVER });
    const requestContext = trace.setSpan(context.active(), requestSpan);

    await context.with(requestContext, () =>
      runWithRequestContext({ requestId: 'request-trace-1' }, () =>
        database.dataSource.transaction((manager) =>
          enqueueEvent(manager, { type: EVENT_TYPE, tenantId: TENANT, data: { memberId: 'm-9' } }),
        ),
      ),
    );
    requestSpan.end();
    relay.wake();
    await waitFor(() => observations.length === 1, 'the handler to run');

    const requestTrace = requestSpan.spanContext();
    assert.equal(observations[0]!.traceId, requestTrace.traceId);
    assert.equal(observations[0]!.requestId, 'request-trace-1');
    assert.equal(observations[0]!.tenantId, TENANT);

    await waitFor(
      () => exporter.getFinishedSpans().some((span) => span.name === `process ${EVENT_TYPE}`),
      'the process span to end',
    );
    const spans = exporter.getFinishedSpans();
    const publishSpan = spans.find((span) => span.name === `publish ${EVENT_TYPE}`);
    const processSpan = spans.find((span) => span.name === `process ${EVENT_TYPE}`);
    assert.ok(publishSpan, 'publish span missing');
    assert.ok(processSpan, 'process span missing');
    assert.equal(publishSpan.kind, SpanKind.PRODUCER);
    assert.equal(publishSpan.spanContext().traceId, requestTrace.traceId);
    assert.equal(publishSpan.parentSpanContext?.spanId, requestTrace.spanId);
    assert.equal(processSpan.kind, SpanKind.CONSUMER);
    assert.equal(processSpan.spanContext().traceId, requestTrace.traceId);
    assert.equal(processSpan.parentSpanContext?.spanId, publishSpan.spanContext().spanId);
    for (const span of [publishSpan, processSpan]) {
      assert.equal(span.attributes['gym.tenant_id'], TENANT);
      assert.equal(span.attributes['gym.request_id'], 'request-trace-1');
      assert.equal(span.attributes['messaging.rabbitmq.destination.routing_key'], EVENT_TYPE);
      const values = JSON.stringify(Object.values(span.attributes));
      assert.ok(!values.includes('m-9'), `event data stays out of span attributes: ${values}`);
    }
  });
});
