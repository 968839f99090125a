import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  Controller,
  Get,
  type INestApplication,
  InternalServerErrorException,
  Module,
  NotFoundException,
  Param,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MetricsModule } from '../src/index.js';
import { type MetricFamily, parseExposition, type Sample } from './support/exposition-format.js';

@Controller('things')
class ThingsController {
  @Get(':id')
  find(@Param('id') id: string): { id: string } {
    if (id === 'missing') {
      throw new NotFoundException(`Thing ${id} not found`);
    }
    return { id };
  }

  @Get(':id/failure')
  fail(): never {
    throw new InternalServerErrorException('failure on purpose');
  }
}

@Module({ imports: [MetricsModule], controllers: [ThingsController] })
class ThingsModule {}

async function startApp(prefix?: string): Promise<{ app: INestApplication; baseUrl: string }> {
  const app = await NestFactory.create(ThingsModule, { logger: false });
  if (prefix) {
    app.setGlobalPrefix(prefix, { exclude: ['metrics', 'health/{*path}'] });
  }
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, baseUrl: `http://127.0.0.1:${port}` };
}

async function scrape(
  baseUrl: string,
): Promise<{ families: Map<string, MetricFamily>; contentType: string }> {
  const response = await fetch(`${baseUrl}/metrics`);
  assert.equal(response.status, 200, 'GET /metrics answers 200');
  return {
    families: parseExposition(await response.text()),
    contentType: response.headers.get('content-type') ?? '',
  };
}

function samplesOf(
  families: Map<string, MetricFamily>,
  family: string,
  sampleName = family,
): Sample[] {
  return families.get(family)?.samples.filter((sample) => sample.name === sampleName) ?? [];
}

function countFor(
  families: Map<string, MetricFamily>,
  labels: Record<string, string>,
): number | undefined {
  const sample = samplesOf(
    families,
    'http_server_request_duration_seconds',
    'http_server_request_duration_seconds_count',
  ).find((candidate) =>
    Object.entries(labels).every(([key, value]) => candidate.labels[key] === value),
  );
  return sample?.value;
}

describe('MetricsModule with a global prefix', () => {
  let baseUrl: string;
  let app: INestApplication;

  before(async () => {
    ({ app, baseUrl } = await startApp('api/v1'));
    for (const path of [
      '/api/v1/things/42',
      '/api/v1/things/43',
      '/api/v1/things/missing',
      '/api/v1/things/7/failure',
      '/api/v1/nothing/here',
    ]) {
      await (await fetch(baseUrl + path)).text();
    }
  });
  after(() => app.close());

  test('serves the text exposition format', async () => {
    const { families, contentType } = await scrape(baseUrl);

    assert.match(contentType, /^text\/plain; version=0\.0\.4/);
    assert.ok(families.size > 0);
  });

  test('labels requests with the route template', async () => {
    const { families } = await scrape(baseUrl);

    const histogram = families.get('http_server_request_duration_seconds');
    assert.equal(histogram?.type, 'histogram');
    assert.equal(
      countFor(families, { method: 'GET', route: '/api/v1/things/:id', status_code: '200' }),
      2,
    );
    assert.equal(countFor(families, { route: '/api/v1/things/:id', status_code: '404' }), 1);
    const routes = new Set(histogram!.samples.map((sample) => sample.labels.route));
    assert.ok(!routes.has('/api/v1/things/42'), 'raw paths never become labels');
  });

  test('labels unknown paths as unmatched', async () => {
    const { families } = await scrape(baseUrl);

    assert.equal(countFor(families, { route: 'unmatched', status_code: '404' }), 1);
  });

  test('counts 5xx responses as errors', async () => {
    const { families } = await scrape(baseUrl);

    const errors = samplesOf(families, 'http_server_errors_total');
    assert.equal(families.get('http_server_errors_total')?.type, 'counter');
    assert.deepEqual(
      errors.map((sample) => ({ ...sample.labels, value: sample.value })),
      [{ method: 'GET', route: '/api/v1/things/:id/failure', status_code: '500', value: 1 }],
    );
  });

  test('uses buckets from 5 ms to 10 s', async () => {
    const { families } = await scrape(baseUrl);

    const bounds = samplesOf(
      families,
      'http_server_request_duration_seconds',
      'http_server_request_duration_seconds_bucket',
    )
      .filter(
        (sample) =>
          sample.labels.route === '/api/v1/things/:id' && sample.labels.status_code === '200',
      )
      .map((sample) => sample.labels.le);
    assert.deepEqual(bounds, [
      '0.005',
      '0.01',
      '0.025',
      '0.05',
      '0.1',
      '0.25',
      '0.5',
      '1',
      '2.5',
      '5',
      '10',
      '+Inf',
    ]);
  });

  test('follows Prometheus naming conventions', async () => {
    const { families } = await scrape(baseUrl);

    for (const family of families.values()) {
      assert.match(family.name, /^[a-z][a-z0-9_]*$/, `${family.name} is snake_case`);
      assert.ok(!/_(ms|milliseconds)$/.test(family.name), `${family.name} uses base units`);
      if (family.type === 'counter') {
        assert.match(family.name, /_total$/, `counter ${family.name} ends in _total`);
      } else {
        assert.doesNotMatch(family.name, /_total$/, `${family.name} is no counter`);
      }
    }
  });

  test('collects the default process metrics', async () => {
    const { families } = await scrape(baseUrl);

    assert.equal(families.get('process_cpu_user_seconds_total')?.type, 'counter');
    assert.ok(families.has('nodejs_eventloop_lag_seconds'));
  });
});

describe('MetricsModule without a prefix', () => {
  test('labels root routes and unmatched paths', async () => {
    const { app, baseUrl } = await startApp();
    after(() => app.close());
    // The apps of this file share prom-client's default registry, so the test compares counts.
    const { families: before } = await scrape(baseUrl);
    const unmatchedBefore = countFor(before, { route: 'unmatched', status_code: '404' }) ?? 0;

    await (await fetch(`${baseUrl}/things/99`)).text();
    await (await fetch(`${baseUrl}/no/such/route`)).text();
    const { families } = await scrape(baseUrl);

    assert.equal(countFor(families, { route: '/things/:id', status_code: '200' }), 1);
    assert.equal(
      countFor(families, { route: 'unmatched', status_code: '404' }),
      unmatchedBefore + 1,
    );
  });
});
