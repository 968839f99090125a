import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '@gym/logging';
import { createTestDatabase, type TestDatabase } from '@gym/testing';
import { catalogDataSourceOptions } from '../src/database/data-source-options.js';
import { runMigrations } from '@gym/database';
import { CATALOG_SCHEMA } from '../src/database/schema.js';
import { startCatalog, type CatalogHarness } from './support/catalog-harness.js';

describe('operations endpoints', () => {
  let harness: CatalogHarness;

  before(async () => {
    harness = await startCatalog();
  });
  after(async () => {
    await harness?.close();
  });

  it('liveness answers without a token', async () => {
    const response = await harness.request('GET', '/health/live');
    assert.equal(response.status, 200, response.text);
  });

  it('readiness checks database and broker', async () => {
    const response = await harness.request('GET', '/health/ready');
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.status, 'ok');
  });

  it('metrics are served in the Prometheus format', async () => {
    const response = await harness.request('GET', '/metrics');
    assert.equal(response.status, 200);
    assert.match(response.text, /# TYPE /);
  });

  it('unknown route answers the error contract', async () => {
    const response = await harness.request('GET', '/api/v1/nothing-here', {
      headers: { 'accept-language': 'en' },
      token: await harness.tokens.sign({ tenantId: randomUUID(), role: 'ADMIN' }),
    });
    assert.equal(response.status, 404);
    assert.equal(response.body.code, 'ROUTE_NOT_FOUND');
  });
});

describe('catalog migrations', () => {
  let database: TestDatabase;
  const logger = createLogger({ serviceName: 'catalog-test', level: 'silent' });

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.drop();
  });

  it('apply once when two processes run them at once', async () => {
    const options = catalogDataSourceOptions({
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
      DATABASE_POOL_MAX: 2,
      DATABASE_CONNECTION_TIMEOUT_MS: 5_000,
      DATABASE_STATEMENT_TIMEOUT_MS: 15_000,
      DATABASE_IDLE_TIMEOUT_MS: 30_000,
    });

    const runs = await Promise.all([
      runMigrations(options, CATALOG_SCHEMA, logger),
      runMigrations(options, CATALOG_SCHEMA, logger),
    ]);

    assert.deepEqual(
      runs.flat(),
      ['InitialSchema1768000000000'],
      'exactly one run applies the migration',
    );
    assert.deepEqual(
      await runMigrations(options, CATALOG_SCHEMA, logger),
      [],
      'a later run has nothing to do',
    );
  });
});
