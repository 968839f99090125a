import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startOtlpCollector, type CollectedSpan, type OtlpCollector } from '@gym/testing';
import { startLocalStack, type LocalStack } from './support/local-stack.js';
import { dashboards, rules } from './support/observability-files.js';
import { promtool, startPrometheus } from './support/prometheus-server.js';
import { exportedSeriesNames, metricNames, SCRAPE_SERIES } from './support/promql-names.js';
import { signUpThroughGateway, type SignedUpOwner } from './support/signup.js';

const SERVER = 2;
const PRODUCER = 4;
const CONSUMER = 5;
const TENANT_CREATED = 'identity.tenant.created';

async function waitFor<T>(read: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the local stack (every process of scripts/services.mjs)', () => {
  let collector: OtlpCollector;
  let stack: LocalStack;
  let owner: SignedUpOwner;
  const expositions = new Map<string, string>();

  before(async () => {
    collector = await startOtlpCollector();
    stack = await startLocalStack({ otlpEndpoint: collector.endpoint });
    owner = await signUpThroughGateway(stack.gateway.baseUrl, stack.smtp);
    for (const item of stack.processes) {
      const response = await fetch(`${item.baseUrl}/metrics`);
      assert.equal(response.status, 200, `${item.name} /metrics`);
      expositions.set(item.name, await response.text());
    }
  });

  after(async () => {
    await stack?.close();
    await collector?.close();
  });

  test('gateway signup: one trace through every event consumer', async () => {
    const gatewaySpan = await waitFor(
      () =>
        collector.spans.find(
          (span) =>
            span.serviceName === 'gateway' &&
            span.kind === SERVER &&
            span.attributes['gym.request_id'] === owner.verifyRequestId,
        ),
      'the gateway span of the verification request',
    );
    const inTrace = () => collector.spans.filter((span) => span.traceId === gatewaySpan.traceId);
    const consumers = stack.processes
      .filter((item) => item.migrations !== false && item.name !== 'identity')
      .map((item) => item.name);
    const processSpans = await waitFor(
      () => {
        const found = inTrace().filter(
          (span) => span.kind === CONSUMER && span.name === `process ${TENANT_CREATED}`,
        );
        return found.length >= consumers.length ? found : undefined;
      },
      `process spans of ${consumers.join(' and ')}`,
    );

    const spans = inTrace();
    const publish = spans.find(
      (span) => span.kind === PRODUCER && span.name === `publish ${TENANT_CREATED}`,
    );
    assert.ok(publish, `a publish span in the trace: ${describeSpans(spans)}`);
    assert.equal(publish.serviceName, 'identity');
    assert.ok(
      spans.some((span) => span.serviceName === 'identity' && span.kind === SERVER),
      'identity served the proxied request in the same trace',
    );
    assert.deepEqual(processSpans.map((span) => span.serviceName).sort(), consumers.sort());
    for (const span of [publish, ...processSpans]) {
      assert.equal(span.attributes['gym.tenant_id'], owner.tenantId, span.name);
      assert.equal(span.attributes['gym.request_id'], owner.verifyRequestId, span.name);
    }
    for (const span of processSpans) assert.equal(span.parentSpanId, publish.spanId);

    const isQuery = (span: (typeof spans)[number]) =>
      [span.attributes['db.system'], span.attributes['db.system.name']].includes('postgresql');
    assert.ok(spans.some(isQuery), `query spans in the trace: ${describeSpans(spans)}`);
    const connects = spans.filter((span) => /^pg(-pool)?\.connect$/.test(span.name));
    assert.deepEqual(connects, [], 'no span for taking a pooled connection');

    const attributeValues = JSON.stringify(spans.map((span) => span.attributes));
    for (const personal of [owner.email, owner.fullName, owner.gymName]) {
      assert.ok(!attributeValues.includes(personal), `no span attribute holds "${personal}"`);
    }
  });

  test('services report their pool and dead-letter queue', () => {
    for (const item of stack.processes.filter((entry) => entry.migrations !== false)) {
      const text = expositions.get(item.name)!;
      assert.match(text, /^db_pool_max_connections 10$/m, `${item.name} pool size`);
      assert.match(text, /^db_pool_connections\{state="idle"\} \d+$/m, `${item.name} idle`);
      assert.match(text, /^db_pool_connections\{state="used"\} \d+$/m, `${item.name} used`);
      assert.match(text, /^db_pool_waiting_requests \d+$/m, `${item.name} waiting`);
    }
    for (const name of ['identity', 'membership', 'billing', 'gateway']) {
      const text = expositions.get(name)!;
      assert.match(
        text,
        new RegExp(
          `^messaging_dead_letter_messages\\{queue="[^"]*${name}\\.events\\.dlq"\\} 0$`,
          'm',
        ),
        name,
      );
    }
  });

  test('the /metrics of every process passes promtool check metrics', async () => {
    for (const item of stack.processes) {
      const check = promtool(['check', 'metrics'], expositions.get(item.name));
      assert.equal(check.status, 0, `promtool on ${item.name}:\n${check.output}`);
    }
  });

  test('rules and dashboards use only exported metrics', async () => {
    const perProcess = new Map(
      stack.processes.map((item) => [item.name, exportedSeriesNames(expositions.get(item.name)!)]),
    );
    const everywhere = new Set([...perProcess.values()].flatMap((names) => [...names]));
    const recorded = new Set(rules().flatMap((rule) => (rule.record ? [rule.record] : [])));
    assert.ok(everywhere.has('http_server_request_duration_seconds_bucket'));

    const missing: string[] = [];
    const check = (where: string, expression: string, exported: Set<string>) => {
      for (const name of metricNames(expression)) {
        if (!exported.has(name) && !recorded.has(name) && !SCRAPE_SERIES.has(name)) {
          missing.push(`${where}: ${name}`);
        }
      }
    };
    for (const rule of rules()) check(rule.alert ?? rule.record!, rule.expr, everywhere);
    for (const dashboard of dashboards()) {
      const exported = perProcess.get(dashboard.name) ?? everywhere;
      for (const expression of dashboard.expressions) check(dashboard.file, expression, exported);
    }
    assert.deepEqual(missing, []);
  });

  test('a real Prometheus scrapes every process and answers its request counter', async () => {
    const prometheus = await startPrometheus(
      stack.processes.map((item) => ({ job: item.name, port: item.port })),
    );
    after(() => prometheus.close());

    for (const item of stack.processes) {
      const expression = `sum(http_server_request_duration_seconds_count{job="${item.name}"})`;
      const result = await waitForQuery(() => prometheus.query(expression), expression);
      assert.ok(Number(result[0]!.value[1]) > 0, `${item.name} counted requests`);
    }
    const up = await prometheus.query('up');
    assert.deepEqual(
      up.map((sample) => [sample.metric.job, sample.value[1]]).sort(),
      stack.processes.map((item) => [item.name, '1']).sort(),
    );
  });
});

async function waitForQuery<T extends unknown[]>(run: () => Promise<T>, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const result = await run();
    if (result.length > 0) return result;
    if (Date.now() > deadline) throw new Error(`Prometheus returned nothing for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function describeSpans(spans: CollectedSpan[]): string {
  return spans.map((span) => `${span.serviceName}:${span.name}`).join(', ');
}
