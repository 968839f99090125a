import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  startMembership,
  type MembershipHarness,
  type TestTenant,
} from './support/membership-harness.js';

describe('plan changes', () => {
  let harness: MembershipHarness;
  let tenant: TestTenant;

  before(async () => {
    harness = await startMembership();
  });
  beforeEach(async () => {
    harness.clock.set('2026-03-10T09:00:00Z');
    tenant = await harness.createTenant();
  });
  after(async () => {
    await harness?.close();
  });

  function changePlan(memberId: string, body: Record<string, unknown>) {
    return harness.request('POST', `/api/v1/members/${memberId}/plan-change`, {
      token: tenant.staffToken,
      body,
    });
  }

  it('change dated today applies at once with a history row', async () => {
    const member = await harness.createMember(tenant, { membershipStartDate: '2026-02-01' });
    const yearly = await harness.createPlan(tenant, { durationValue: 12, durationUnit: 'MONTH' });

    const response = await changePlan(member.id, { planId: yearly.id, startDate: '2026-03-10' });

    assert.equal(response.status, 201, response.text);
    assert.equal(response.body.status, 'APPLIED');
    assert.equal(response.body.previousEndDate, '2026-02-28');
    assert.equal(response.body.newEndDate, '2027-03-09');
    assert.equal(response.body.member.planId, yearly.id);
    assert.equal(response.body.member.membershipStartDate, '2026-03-10');
    assert.equal(response.body.member.status, 'ACTIVE');
    const events = await harness.dataSource.query(
      "SELECT payload FROM membership.outbox_event WHERE tenant_id = $1 AND type = 'membership.member.plan-changed'",
      [tenant.tenantId],
    );
    assert.equal(events.length, 1);
    assert.equal(events[0].payload.data.previousPlanId, member.planId);
  });

  it('change dated later is scheduled', async () => {
    const member = await harness.createMember(tenant, { membershipStartDate: '2026-03-01' });
    const yearly = await harness.createPlan(tenant, { durationValue: 12, durationUnit: 'MONTH' });

    const response = await changePlan(member.id, { planId: yearly.id, startDate: '2026-04-01' });

    assert.equal(response.status, 201, response.text);
    assert.equal(response.body.status, 'SCHEDULED');
    assert.equal(response.body.newEndDate, null);
    assert.equal(response.body.member.planId, member.planId, 'the member keeps the plan for now');
  });

  it('second scheduled change is rejected', async () => {
    const member = await harness.createMember(tenant, { membershipStartDate: '2026-03-01' });
    const plan = await harness.createPlan(tenant);
    await changePlan(member.id, { planId: plan.id, startDate: '2026-04-01' });

    const response = await changePlan(member.id, { planId: plan.id, startDate: '2026-05-01' });

    assert.equal(response.status, 409, response.text);
    assert.equal(response.body.code, 'PLAN_CHANGE_PENDING');
  });

  it('history lists changes newest first', async () => {
    const member = await harness.createMember(tenant, { membershipStartDate: '2026-03-01' });
    const first = await harness.createPlan(tenant);
    const second = await harness.createPlan(tenant);
    await changePlan(member.id, { planId: first.id, startDate: '2026-03-05' });
    await changePlan(member.id, { planId: second.id, startDate: '2026-04-01' });

    const response = await harness.request('GET', `/api/v1/members/${member.id}/plan-changes`, {
      token: tenant.staffToken,
    });

    assert.equal(response.status, 200, response.text);
    assert.deepEqual(
      response.body.data.map((change: { toPlanId: string; status: string }) => [
        change.toPlanId,
        change.status,
      ]),
      [
        [second.id, 'SCHEDULED'],
        [first.id, 'APPLIED'],
      ],
    );
    assert.equal(response.body.meta.total, 2);
  });

  it('plan must be offered at the member branch', async () => {
    const member = await harness.createMember(tenant);
    const otherBranch = await harness.createBranch(tenant.tenantId);
    const branchPlan = await harness.createPlan(tenant, { scope: 'BRANCH', branchId: otherBranch });

    for (const [planId, code] of [
      [branchPlan.id, 'PLAN_NOT_IN_BRANCH'],
      [randomUUID(), 'UNKNOWN_PLAN'],
    ]) {
      const response = await changePlan(member.id, { planId, startDate: '2026-03-10' });
      assert.equal(response.status, 400, response.text);
      assert.equal(response.body.code, code);
    }
  });

  it('frozen member cannot change plan now', async () => {
    const member = await harness.createMember(tenant, { membershipStartDate: '2026-03-01' });
    const plan = await harness.createPlan(tenant);
    await harness.request('POST', `/api/v1/members/${member.id}/freeze`, {
      token: tenant.staffToken,
      body: { startDate: '2026-03-10', endDate: '2026-03-12' },
    });

    const response = await changePlan(member.id, { planId: plan.id, startDate: '2026-03-10' });

    assert.equal(response.status, 409, response.text);
    assert.equal(response.body.code, 'MEMBER_FROZEN');
  });

  it('failed change leaves no history row', async () => {
    const member = await harness.createMember(tenant);
    const plan = await harness.createPlan(tenant);
    await harness.request('POST', `/api/v1/membership-plans/${plan.id}/archive`, {
      token: tenant.adminToken,
    });

    const response = await changePlan(member.id, { planId: plan.id, startDate: '2026-03-10' });
    const rows = await harness.dataSource.query(
      'SELECT count(*)::int AS count FROM membership.plan_changes WHERE member_id = $1',
      [member.id],
    );

    assert.equal(response.status, 409);
    assert.equal(response.body.code, 'PLAN_ARCHIVED');
    assert.equal(rows[0].count, 0);
  });

  it("another tenant's member answers 404", async () => {
    const member = await harness.createMember(tenant);
    const intruder = await harness.createTenant();
    const plan = await harness.createPlan(intruder);

    const change = await harness.request('POST', `/api/v1/members/${member.id}/plan-change`, {
      token: intruder.staffToken,
      body: { planId: plan.id, startDate: '2026-03-10' },
    });
    const history = await harness.request('GET', `/api/v1/members/${member.id}/plan-changes`, {
      token: intruder.staffToken,
    });

    assert.equal(change.status, 404, change.text);
    assert.equal(history.status, 404, history.text);
  });
});
