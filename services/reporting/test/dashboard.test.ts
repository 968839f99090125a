import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { memberData, paymentData, saleData } from './support/fixtures.js';
import {
  startReporting,
  type ReportingHarness,
  type TestTenant,
} from './support/reporting-harness.js';

describe('dashboard', () => {
  let harness: ReportingHarness;
  let tenant: TestTenant;
  const north = randomUUID();
  const south = randomUUID();

  before(async () => {
    harness = await startReporting();
    // 15 March 2026, 12:00 in Istanbul.
    harness.clock.set('2026-03-15T09:00:00Z');
    tenant = await harness.createTenant();
    const member = (type: string, data: ReturnType<typeof memberData>, occurredAt: string) =>
      harness.deliver(`membership.member.${type}`, tenant.tenantId, data, { occurredAt });

    const endingSoon = memberData({
      branchId: north,
      status: 'ACTIVE',
      membershipStartDate: '2026-03-01',
      membershipEndDate: '2026-03-20',
      createdAt: '2026-02-28T21:30:00Z',
    });
    await member('created', endingSoon, '2026-02-28T21:30:00Z');
    await member(
      'created',
      memberData({
        branchId: north,
        status: 'ACTIVE',
        membershipStartDate: '2026-01-10',
        membershipEndDate: '2026-06-10',
        createdAt: '2026-01-10T08:00:00Z',
      }),
      '2026-01-10T08:00:00Z',
    );
    const frozen = memberData({
      branchId: south,
      status: 'ACTIVE',
      membershipStartDate: '2026-02-01',
      membershipEndDate: '2026-04-30',
      createdAt: '2026-02-01T08:00:00Z',
    });
    await member('created', frozen, '2026-02-01T08:00:00Z');
    await member('frozen', { ...frozen, status: 'FROZEN' }, '2026-03-05T08:00:00Z');

    // The status change reaches reporting before the older created event.
    const ended = memberData({
      branchId: south,
      status: 'ACTIVE',
      membershipStartDate: '2025-12-01',
      membershipEndDate: '2026-02-28',
      createdAt: '2025-12-01T08:00:00Z',
    });
    await member('status-changed', { ...ended, status: 'PASSIVE' }, '2026-03-01T00:05:00Z');
    await member('created', ended, '2025-12-01T08:00:00Z');

    const archived = memberData({
      branchId: north,
      status: 'ACTIVE',
      membershipStartDate: '2026-03-02',
      membershipEndDate: '2026-04-02',
      createdAt: '2026-03-02T08:00:00Z',
    });
    await member('created', archived, '2026-03-02T08:00:00Z');
    await member('status-changed', { ...archived, status: 'ARCHIVED' }, '2026-03-10T08:00:00Z');
  });
  after(async () => {
    await harness?.close();
  });

  async function get(path: string, token = tenant.adminToken) {
    const response = await harness.request(path, { token });
    assert.equal(response.status, 200, response.text);
    return response.body;
  }

  it('summary counts members by status, expiring within 7 days and new this month', async () => {
    const summary = await get('/api/v1/dashboard/summary');

    assert.equal(summary.today, '2026-03-15');
    assert.deepEqual(summary.members, {
      active: 2,
      frozen: 1,
      passive: 1,
      expiringWithin7Days: 1,
      newThisMonth: 2,
    });
  });

  it('summary of one branch counts only its members', async () => {
    const summary = await get(`/api/v1/dashboard/summary?branchId=${north}`);

    assert.deepEqual(summary.members, {
      active: 2,
      frozen: 0,
      passive: 0,
      expiringWithin7Days: 1,
      newThisMonth: 2,
    });
  });

  it('staff limited to a branch see only that branch and are refused another', async () => {
    const staff = await harness.tokens.sign({
      tenantId: tenant.tenantId,
      role: 'STAFF',
      branchIds: [south],
    });

    const summary = await get('/api/v1/dashboard/summary', staff);
    assert.deepEqual(summary.members, {
      active: 0,
      frozen: 1,
      passive: 1,
      expiringWithin7Days: 0,
      newThisMonth: 0,
    });

    const refused = await harness.request(
      `/api/v1/reports/revenue?month=2026-03&branchId=${north}`,
      {
        token: staff,
        headers: { 'accept-language': 'en' },
      },
    );
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'BRANCH_NOT_ALLOWED');
    assert.match(refused.body.message, /not allowed to act at the branch/);
  });

  it('monthly members lists new and active members per month, oldest first', async () => {
    const report = await get('/api/v1/dashboard/monthly-members?months=4');

    assert.deepEqual(report.months, [
      { month: '2025-12', newMembers: 1, activeMembers: 1 },
      { month: '2026-01', newMembers: 1, activeMembers: 2 },
      { month: '2026-02', newMembers: 1, activeMembers: 3 },
      { month: '2026-03', newMembers: 2, activeMembers: 4 },
    ]);
  });

  it('another tenant sees no members', async () => {
    const other = await harness.createTenant();
    const summary = await get('/api/v1/dashboard/summary', other.adminToken);

    assert.deepEqual(summary.members, {
      active: 0,
      frozen: 0,
      passive: 0,
      expiringWithin7Days: 0,
      newThisMonth: 0,
    });
    const monthly = await get('/api/v1/dashboard/monthly-members?months=2', other.adminToken);
    assert.deepEqual(
      monthly.months.map((row: any) => row.activeMembers + row.newMembers),
      [0, 0],
    );
  });

  it('revenue trend sums payments and sales per month', async () => {
    await harness.deliver(
      'billing.payment.recorded',
      tenant.tenantId,
      paymentData({ branchId: north, amount: '100.00', paidOn: '2026-01-20' }),
    );
    await harness.deliver(
      'billing.payment.recorded',
      tenant.tenantId,
      paymentData({ branchId: south, amount: '50.00', paidOn: '2026-03-01' }),
    );
    await harness.deliver(
      'catalog.sale.recorded',
      tenant.tenantId,
      saleData({
        branchId: north,
        soldOn: '2026-02-14',
        items: [{ productId: randomUUID(), productName: 'Su', quantity: 3, unitPrice: '10.00' }],
      }),
    );

    const trend = await get('/api/v1/reports/revenue-trend?months=3');
    assert.deepEqual(trend.months, [
      { month: '2026-01', total: '100.00', membership: '100.00', productSales: '0.00' },
      { month: '2026-02', total: '30.00', membership: '0.00', productSales: '30.00' },
      { month: '2026-03', total: '50.00', membership: '50.00', productSales: '0.00' },
    ]);
    const northOnly = await get(`/api/v1/reports/revenue-trend?months=1&branchId=${north}`);
    assert.deepEqual(northOnly.months, [
      { month: '2026-03', total: '0.00', membership: '0.00', productSales: '0.00' },
    ]);
    const summary = await get('/api/v1/dashboard/summary');
    assert.deepEqual(summary.revenue, { thisMonth: '50.00', lastMonth: '30.00' });
  });
});
