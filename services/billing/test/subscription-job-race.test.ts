import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { createLogger } from '@gym/logging';
import { runSubscriptionJob } from '../src/jobs/subscription-status.job.js';
import { startBilling, type BillingHarness, type TestTenant } from './support/billing-harness.js';

const DAY_MS = 86_400_000;
const TENANTS = 6;

describe('subscription job on several replicas', () => {
  let harness: BillingHarness;
  let replica: DataSource;
  const logger = createLogger({ serviceName: 'billing-test', level: 'silent' });

  before(async () => {
    harness = await startBilling();
    // A second connection pool, as a second billing replica has.
    replica = new DataSource(harness.dataSource.options);
    await replica.initialize();
  });
  after(async () => {
    await replica?.destroy();
    await harness?.close();
  });

  it('four runners at once move each tenant once', async () => {
    const tenants: TestTenant[] = [];
    for (let index = 0; index < TENANTS; index += 1) {
      tenants.push(
        await harness.createTenant({
          signedUpAt: new Date(Date.now() - 15 * DAY_MS).toISOString(),
        }),
      );
    }
    const settings = { suspendAfterDays: 14 };
    const now = new Date();

    const outcomes = await Promise.all(
      [harness.dataSource, replica, harness.dataSource, replica].map((dataSource) =>
        runSubscriptionJob(dataSource, logger, settings, now),
      ),
    );

    const changed = outcomes.reduce(
      (sum, outcome) => sum + (outcome.skipped ? 0 : outcome.changed),
      0,
    );
    assert.equal(changed, TENANTS, JSON.stringify(outcomes));
    assert.ok(outcomes.every((outcome) => outcome.skipped || outcome.failed === 0));
    for (const tenant of tenants) {
      const events = await harness.dataSource.query(
        `SELECT payload->'data'->>'status' AS status FROM billing.outbox_event
          WHERE type = 'billing.subscription.status-changed' AND tenant_id = $1 ORDER BY position`,
        [tenant.tenantId],
      );
      assert.deepEqual(
        events.map((row: { status: string }) => row.status),
        ['TRIAL', 'PAST_DUE'],
        `events of tenant ${tenant.tenantId}`,
      );
    }
  });
});
