import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEchoUpstream, type EchoUpstream } from './support/echo-upstream.js';
import { startGatewayProcess, type GatewayProcess, request } from '@gym/stack';
import { TestSigner } from './support/test-signer.js';
import { startOtlpCollector, type OtlpCollector } from './support/otlp-collector.js';

const SERVER_KIND = 2;
const CLIENT_KIND = 3;

describe('gateway tracing', () => {
  let collector: OtlpCollector;
  let upstream: EchoUpstream;
  let gateway: GatewayProcess;

  before(async () => {
    collector = await startOtlpCollector();
    upstream = await startEchoUpstream({ jwks: await new TestSigner().jwks() });
    gateway = await startGatewayProcess({
      identityUrl: upstream.url,
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint },
    });
  });

  after(async () => {
    await gateway?.close();
    await upstream?.close();
    await collector?.close();
  });

  it('proxied call is child span', async () => {
    const response = await request(gateway.baseUrl, 'POST', '/api/v1/auth/login', { json: {} });
    assert.equal(response.status, 200);
    const traceparent = String(upstream.received.at(-1)!.headers.traceparent);
    const [, traceId, parentSpanId] = traceparent.split('-');

    // A graceful stop exports the spans that are still batched.
    await gateway.stop();
    const spans = collector.spans.filter((span) => span.traceId === traceId);

    const inbound = spans.find((span) => span.kind === SERVER_KIND);
    const outbound = spans.find((span) => span.kind === CLIENT_KIND);
    assert.ok(inbound, `an inbound span of the trace; got ${JSON.stringify(spans)}`);
    assert.ok(outbound, `an outbound span of the trace; got ${JSON.stringify(spans)}`);
    assert.equal(inbound.serviceName, 'gateway');
    assert.equal(outbound.spanId, parentSpanId, 'the upstream request carries the client span');
    assert.equal(
      spans.some((span) => span.spanId === outbound.parentSpanId) ||
        outbound.parentSpanId === inbound.spanId,
      true,
      'the client span descends from a span of the same request',
    );
  });
});
