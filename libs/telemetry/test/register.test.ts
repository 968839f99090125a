import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { type ChildApp, startChildApp } from './support/child-app.js';
import { startOtlpCollector } from './support/otlp-collector.js';

const fixture = fileURLToPath(new URL('./fixtures/traced-app.js', import.meta.url));
const preload = ['--import', '@gym/telemetry/register', fixture];

function newTraceparent(): { traceId: string; header: string } {
  const traceId = randomBytes(16).toString('hex');
  return { traceId, header: `00-${traceId}-${randomBytes(8).toString('hex')}-01` };
}

async function getThing(port: number, headers: Record<string, string> = {}) {
  const response = await fetch(`http://127.0.0.1:${port}/things/42`, { headers });
  assert.equal(response.status, 200);
  return (await response.json()) as { id: string; traceId?: string };
}

async function waitForOutput(app: ChildApp, text: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!app.output().includes(text)) {
    if (Date.now() > deadline) {
      throw new Error(`The app did not print "${text}" within ${timeoutMs} ms:\n${app.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, OTEL_SERVICE_NAME: 'telemetry-test' };
  delete env.OTEL_EXPORTER_OTLP_ENDPOINT;
  delete env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  delete env.OTEL_SDK_DISABLED;
  return env;
}

describe('register preload', () => {
  test('exports ESM express spans over OTLP', async () => {
    const collector = await startOtlpCollector();
    after(() => collector.close());
    const app = await startChildApp(preload, {
      ...baseEnv(),
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
    });
    after(() => app.process.kill('SIGKILL'));
    const incoming = newTraceparent();

    const body = await getThing(app.port, { traceparent: incoming.header });
    app.process.kill('SIGTERM');
    const exit = await app.exited;

    assert.equal(body.traceId, incoming.traceId, 'the handler runs in the trace of the request');
    assert.equal(exit.signal, 'SIGTERM', `the process ends by the signal:\n${app.output()}`);
    const routeSpan = collector.spans.find(
      (span) => span.attributes['http.route'] === '/things/:id',
    );
    assert.ok(routeSpan, `a span names the route template: ${JSON.stringify(collector.spans)}`);
    assert.equal(routeSpan.traceId, incoming.traceId);
    assert.equal(routeSpan.serviceName, 'telemetry-test');
    const expressSpan = collector.spans.find((span) => span.name.includes('/things/:id'));
    assert.ok(
      expressSpan,
      `the express instrumentation created a span: ${JSON.stringify(collector.spans)}`,
    );
  });

  test('exports spans of the drain on app.close', async () => {
    const collector = await startOtlpCollector();
    after(() => collector.close());
    const app = await startChildApp(preload, {
      ...baseEnv(),
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      DRAIN_ON_SIGTERM_MS: '500',
    });
    after(() => app.process.kill('SIGKILL'));
    const incoming = newTraceparent();

    app.process.kill('SIGTERM');
    await waitForOutput(app, 'draining');
    await getThing(app.port, { traceparent: incoming.header });
    const exit = await app.exited;

    assert.deepEqual(
      exit,
      { code: 0, signal: null },
      `the service decides the exit:\n${app.output()}`,
    );
    const drainSpan = collector.spans.find((span) => span.traceId === incoming.traceId);
    assert.ok(drainSpan, `TracingModule exported the span: ${JSON.stringify(collector.spans)}`);
  });

  test('propagates trace context without an exporter', async () => {
    const app = await startChildApp(preload, baseEnv());
    after(() => app.process.kill('SIGKILL'));
    const incoming = newTraceparent();

    const continued = await getThing(app.port, { traceparent: incoming.header });
    const started = await getThing(app.port);
    app.process.kill('SIGTERM');
    const exit = await app.exited;

    assert.equal(continued.traceId, incoming.traceId);
    assert.match(
      started.traceId ?? '',
      /^[0-9a-f]{32}$/,
      'a request without traceparent starts a trace',
    );
    assert.notEqual(started.traceId, incoming.traceId);
    assert.equal(exit.signal, 'SIGTERM', `the process ends by the signal:\n${app.output()}`);
  });
});
