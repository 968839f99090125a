import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startReporting, type ReportingHarness } from './support/reporting-harness.js';

describe('operations endpoints', () => {
  let harness: ReportingHarness;

  before(async () => {
    harness = await startReporting();
  });
  after(async () => {
    await harness?.close();
  });

  it('liveness answers without a token', async () => {
    const response = await harness.request('/health/live');
    assert.equal(response.status, 200, response.text);
  });

  it('readiness checks database and broker', async () => {
    const response = await harness.request('/health/ready');
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.status, 'ok');
  });

  it('metrics count consumed events in the Prometheus format', async () => {
    await harness.createTenant();
    const response = await harness.request('/metrics');
    assert.equal(response.status, 200);
    assert.match(response.text, /messaging_events_consumed_total\{[^}]*identity\.tenant\.created/);
  });

  it('unknown route answers the error contract', async () => {
    const response = await harness.request('/api/v1/nothing-here', {
      headers: { 'accept-language': 'en' },
      token: await harness.tokens.sign({ tenantId: randomUUID(), role: 'ADMIN' }),
    });
    assert.equal(response.status, 404);
    assert.equal(response.body.code, 'ROUTE_NOT_FOUND');
  });
});

describe('startup configuration', () => {
  const mainPath = fileURLToPath(new URL('../src/main.js', import.meta.url));
  const rebuildPath = fileURLToPath(new URL('../src/rebuild.js', import.meta.url));

  it('rebuild exits 64 on a tenant id that is not a UUID', () => {
    const result = spawnSync(process.execPath, [rebuildPath, '--tenant', 'gym-1'], {
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
      timeout: 20_000,
    });

    assert.equal(result.status, 64, result.stderr);
    assert.match(result.stderr, /Invalid tenant id "gym-1": expected a UUID/);
    assert.match(result.stderr, /Usage: npm run rebuild/);
  });

  it('rebuild exits naming a missing database URL', () => {
    const result = spawnSync(process.execPath, [rebuildPath], {
      env: { PATH: process.env.PATH ?? '', AMQP_URL: 'amqp://guest:guest@127.0.0.1:1' },
      encoding: 'utf8',
      timeout: 20_000,
    });

    assert.equal(result.status, 78, result.stderr);
    assert.match(result.stderr, /DATABASE_URL: /);
  });

  it('exits naming each missing variable', () => {
    const result = spawnSync(process.execPath, [mainPath], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
      encoding: 'utf8',
      timeout: 20_000,
    });

    assert.equal(result.status, 78, result.stderr);
    for (const variable of ['DATABASE_URL', 'AMQP_URL', 'JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE']) {
      assert.match(result.stderr, new RegExp(`${variable}: `), `stderr names ${variable}`);
    }
  });
});
