import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '@gym/testing';
import { startMembership, type MembershipHarness } from './support/membership-harness.js';

describe('job scheduler', () => {
  let harness: MembershipHarness;

  before(async () => {
    harness = await startMembership({ JOBS_ENABLED: 'true', JOB_INTERVAL_SECONDS: '1' });
  });
  after(async () => {
    await harness?.close();
  });

  it('scheduler marks an ended membership PASSIVE', async () => {
    harness.clock.set('2026-09-01T09:00:00Z');
    const tenant = await harness.createTenant();
    const plan = await harness.createPlan(tenant, { durationValue: 1, durationUnit: 'DAY' });
    const member = await harness.createMember(tenant, {
      planId: plan.id,
      membershipStartDate: '2026-09-01',
    });

    harness.clock.set('2026-09-02T09:00:00Z');
    const status = await waitFor('the scheduled status sync', async () => {
      const [row] = await harness.dataSource.query(
        'SELECT status FROM membership.members WHERE id = $1',
        [member.id],
      );
      return row.status === 'PASSIVE' && row.status;
    });

    assert.equal(status, 'PASSIVE');
  });
});
