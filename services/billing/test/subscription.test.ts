import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '@gym/logging';
import { bindEventQueue } from '@gym/testing';
import { runSubscriptionJob } from '../src/jobs/subscription-status.job.js';
import { startBilling, type BillingHarness } from './support/billing-harness.js';

const opsPath = fileURLToPath(new URL('../src/ops.js', import.meta.url));
const DAY_MS = 86_400_000;

describe('tenant subscription', () => {
  let harness: BillingHarness;
  const logger = createLogger({ serviceName: 'billing-test', level: 'silent' });

  before(async () => {
    harness = await startBilling();
  });
  after(async () => {
    await harness?.close();
  });

  interface OpsResult {
    status: number | null;
    stdout: string;
    stderr: string;
  }

  /**
   * Runs the ops command without blocking the event loop: the service under test runs in this
   * process, and a stalled loop lets its keep-alive timer close a connection fetch then reuses.
   */
  function runOps(...args: string[]): Promise<OpsResult> {
    const env = {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: harness.env.DATABASE_URL!,
      LOG_LEVEL: 'silent',
    };
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [opsPath, ...args],
        { env, encoding: 'utf8', timeout: 20_000 },
        (error, stdout, stderr) => {
          let status: number | null = 0;
          if (error) status = typeof error.code === 'number' ? error.code : null;
          resolve({ status, stdout, stderr });
        },
      );
    });
  }

  async function subscriptionOf(token: string) {
    return harness.request('GET', '/api/v1/subscription', { token });
  }

  it('signup starts a 14-day trial and publishes it', async () => {
    const probe = await bindEventQueue<Record<string, any>>(
      harness.env,
      'billing.subscription.status-changed',
    );
    try {
      const signedUpAt = '2026-03-01T10:00:00.000Z';
      const tenant = await harness.createTenant({ signedUpAt });

      const response = await subscriptionOf(tenant.staffToken);

      assert.equal(response.status, 200);
      assert.equal(response.body.status, 'TRIAL');
      assert.equal(response.body.plan, 'STANDARD');
      assert.equal(response.body.trialEndsAt, '2026-03-15T10:00:00.000Z');
      const [event] = await probe.collect(1);
      assert.equal(event?.tenantId, tenant.tenantId);
      assert.equal(event?.data.status, 'TRIAL');
      assert.equal(event?.data.previousStatus, null);
    } finally {
      await probe.close();
    }
  });

  it('redelivered signup keeps the trial', async () => {
    const tenant = await harness.createTenant({ signedUpAt: '2026-03-01T10:00:00.000Z' });
    await harness.events.publish('identity.tenant.created', tenant.tenantId, {
      tenantId: tenant.tenantId,
      name: 'Tekrar',
      timezone: 'Europe/Istanbul',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));

    const response = await subscriptionOf(tenant.staffToken);
    assert.equal(response.body.trialEndsAt, '2026-03-15T10:00:00.000Z');
  });

  it('daily job moves ended trials and overdue tenants', async () => {
    const ended = await harness.createTenant({
      signedUpAt: new Date(Date.now() - 15 * DAY_MS).toISOString(),
    });
    const running = await harness.createTenant({
      signedUpAt: new Date(Date.now() - 2 * DAY_MS).toISOString(),
    });
    const settings = { suspendAfterDays: 14 };

    const first = await runSubscriptionJob(harness.dataSource, logger, settings, new Date());
    const repeated = await runSubscriptionJob(harness.dataSource, logger, settings, new Date());
    const later = await runSubscriptionJob(
      harness.dataSource,
      logger,
      settings,
      new Date(Date.now() + 15 * DAY_MS),
    );

    assert.equal(first.skipped, false);
    assert.ok(first.changed >= 1, 'the first run moves the ended trial');
    assert.equal(repeated.skipped, false);
    assert.equal(repeated.changed, 0, 'a second run changes nothing');
    assert.equal(later.skipped, false);
    assert.ok(later.changed >= 2, 'a run 15 days later moves both tenants');
    assert.equal((await subscriptionOf(ended.staffToken)).body.status, 'SUSPENDED');
    assert.equal((await subscriptionOf(running.staffToken)).body.status, 'PAST_DUE');
    const events = await harness.dataSource.query(
      `SELECT payload->'data'->>'status' AS status FROM billing.outbox_event
        WHERE type = 'billing.subscription.status-changed' AND tenant_id = $1 ORDER BY position`,
      [ended.tenantId],
    );
    assert.deepEqual(
      events.map((row: any) => row.status),
      ['TRIAL', 'PAST_DUE', 'SUSPENDED'],
    );
  });

  it('operator command sets the status', async () => {
    const tenant = await harness.createTenant();

    const result = await runOps('set-status', tenant.tenantId, 'ACTIVE');

    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      tenantId: tenant.tenantId,
      previousStatus: 'TRIAL',
      status: 'ACTIVE',
    });
    assert.equal((await subscriptionOf(tenant.adminToken)).body.status, 'ACTIVE');
  });

  it('operator command rejects bad input', async () => {
    const badStatus = await runOps('set-status', '00000000-0000-4000-8000-000000000000', 'GOLD');
    const badTenant = await runOps('set-status', 'tenant-1', 'ACTIVE');
    const unknownTenant = await runOps(
      'set-status',
      '00000000-0000-4000-8000-000000000000',
      'ACTIVE',
    );
    const noCommand = await runOps();

    assert.equal(badStatus.status, 64);
    assert.match(badStatus.stderr, /Invalid status "GOLD"/);
    assert.equal(badTenant.status, 64);
    assert.match(badTenant.stderr, /Invalid tenant id/);
    assert.equal(unknownTenant.status, 1);
    assert.match(unknownTenant.stderr, /has no subscription/);
    assert.equal(noCommand.status, 64);
    assert.match(noCommand.stderr, /Usage: npm run ops/);
  });

  it('subscription of an unknown tenant is not found', async () => {
    const token = await harness.tokens.sign({
      tenantId: '00000000-0000-4000-8000-000000000001',
      role: 'ADMIN',
    });

    const response = await harness.request('GET', '/api/v1/subscription', {
      token,
      headers: { 'accept-language': 'en' },
    });

    assert.equal(response.status, 404);
    assert.equal(response.body.code, 'SUBSCRIPTION_NOT_FOUND');
    assert.match(response.body.message, /not been set up yet/);
  });
});
