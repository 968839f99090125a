import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '@gym/logging';
import { createTestDatabase } from '@gym/testing';
import { membershipDataSourceOptions } from '../src/database/data-source-options.js';
import { runMigrations } from '@gym/database';
import { MEMBERSHIP_EXTENSIONS, MEMBERSHIP_SCHEMA } from '../src/database/schema.js';
import { startMembership, type MembershipHarness } from './support/membership-harness.js';

describe('operations endpoints', () => {
  let harness: MembershipHarness;

  before(async () => {
    harness = await startMembership();
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
      token: await harness.tokens.sign({ tenantId: crypto.randomUUID(), role: 'ADMIN' }),
    });

    assert.equal(response.status, 404);
    assert.equal(response.body.code, 'ROUTE_NOT_FOUND');
    assert.equal(response.body.path, '/api/v1/nothing-here');
  });

  it('migrations run twice at once apply once', async () => {
    const database = await createTestDatabase();
    const logger = createLogger({ serviceName: 'migrate-test', level: 'silent' });
    const options = membershipDataSourceOptions({ ...harness.config, DATABASE_URL: database.url });

    try {
      const results = await Promise.all([
        runMigrations(options, MEMBERSHIP_SCHEMA, logger, MEMBERSHIP_EXTENSIONS),
        runMigrations(options, MEMBERSHIP_SCHEMA, logger, MEMBERSHIP_EXTENSIONS),
      ]);

      assert.deepEqual(
        results.map((names) => names.length).sort(),
        [0, 1],
        'one run applies the migration and the other finds nothing to do',
      );
    } finally {
      await database.drop();
    }
  });
});
