import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startIdentity, type IdentityHarness } from './support/identity-harness.js';
import { startTcpProxy } from './support/tcp-proxy.js';

async function waitForStatus(
  harness: IdentityHarness,
  path: string,
  status: number,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < deadline) {
    last = (await harness.request('GET', path)).status;
    if (last === status) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`${path} stayed ${last}, expected ${status}`);
}

describe('health probes', () => {
  let harness: IdentityHarness;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;

  before(async () => {
    const target = new URL(process.env.TEST_DATABASE_URL!);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    harness = await startIdentity(
      { DATABASE_CONNECTION_TIMEOUT_MS: '1000' },
      { databasePort: proxy.port },
    );
  });
  after(async () => {
    await harness?.close();
    await proxy?.close();
  });

  it('turns ready off while PostgreSQL is unreachable and keeps live up', async () => {
    await waitForStatus(harness, '/health/ready', 200);
    const { adminToken } = await harness.createTenantWithAdmin();

    await proxy.cut();
    await waitForStatus(harness, '/health/ready', 503);
    const live = await harness.request('GET', '/health/live');
    assert.equal(live.status, 200, 'liveness does not depend on the database');

    const read = await harness.request('GET', '/api/v1/tenants/current', { token: adminToken });
    assert.equal(
      read.status,
      503,
      `a request needing the database answers 503: ${JSON.stringify(read.body)}`,
    );
    assert.equal(read.body.code, 'SERVICE_UNAVAILABLE');
    assert.ok(Number(read.headers.get('retry-after')) > 0, 'Retry-After is set');

    await proxy.restore();
    await waitForStatus(harness, '/health/ready', 200);
  });

  it('serves Prometheus metrics', async () => {
    const metrics = await harness.request('GET', '/metrics');
    assert.equal(metrics.status, 200);
    assert.match(String(metrics.body), /http_server_request_duration_seconds/);
  });
});
