import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '@gym/testing';
import { startBilling, type BillingHarness } from './support/billing-harness.js';

describe('tenant and member replicas', () => {
  let harness: BillingHarness;

  before(async () => {
    harness = await startBilling();
  });
  after(async () => {
    await harness?.close();
  });

  async function memberRow(memberId: string) {
    const rows = await harness.dataSource.query(
      'SELECT branch_id, status, tenant_id FROM billing.member_replicas WHERE member_id = $1',
      [memberId],
    );
    return rows[0] as { branch_id: string; status: string; tenant_id: string } | undefined;
  }

  it('member update and status change reach the replica', async () => {
    const tenant = await harness.createTenant();
    const memberId = await harness.createMember(tenant);
    const branchId = randomUUID();

    await harness.events.publish('membership.member.updated', tenant.tenantId, {
      memberId,
      branchId,
      status: 'ACTIVE',
    });
    await waitFor(
      'the new branch',
      async () => (await memberRow(memberId))?.branch_id === branchId,
    );
    await harness.events.publish('membership.member.status-changed', tenant.tenantId, {
      memberId,
      branchId,
      status: 'PASSIVE',
      previousStatus: 'ACTIVE',
    });

    await waitFor('the new status', async () => (await memberRow(memberId))?.status === 'PASSIVE');
    const payment = await harness.recordPayment(tenant, { memberId });
    assert.equal(payment.branchId, branchId);
  });

  it('older member event is ignored', async () => {
    const tenant = await harness.createTenant();
    const memberId = await harness.createMember(tenant);
    const marker = randomUUID();

    await harness.events.publish(
      'membership.member.updated',
      tenant.tenantId,
      { memberId, branchId: randomUUID(), status: 'ARCHIVED' },
      '2000-01-01T00:00:00.000Z',
    );
    await harness.events.publish('membership.member.updated', tenant.tenantId, {
      memberId,
      branchId: marker,
      status: 'ACTIVE',
    });

    await waitFor('the newer event', async () => (await memberRow(memberId))?.branch_id === marker);
    assert.equal((await memberRow(memberId))?.status, 'ACTIVE');
  });

  it('member event of another tenant cannot move a member', async () => {
    const tenant = await harness.createTenant();
    const other = await harness.createTenant();
    const memberId = await harness.createMember(tenant);
    const original = await memberRow(memberId);

    await harness.events.publish('membership.member.updated', other.tenantId, {
      memberId,
      branchId: randomUUID(),
      status: 'ACTIVE',
    });
    const marker = await harness.createMember(tenant);

    assert.ok(marker);
    assert.deepEqual(await memberRow(memberId), original);
  });

  it('tenant timezone decides today', async () => {
    const tenant = await harness.createTenant({ timezone: 'America/New_York' });
    // 02:00 UTC on 1 April is still 31 March in New York.
    harness.clock.set('2026-04-01T02:00:00Z');
    try {
      const memberId = await harness.createMember(tenant);
      const response = await harness.request('POST', '/api/v1/payments', {
        token: tenant.staffToken,
        body: { memberId, amount: '10.00', method: 'CASH', paidOn: '2026-04-01' },
      });
      assert.equal(response.status, 400);
      assert.equal(response.body.code, 'PAID_ON_IN_FUTURE');
    } finally {
      harness.clock.reset();
    }
  });
});
