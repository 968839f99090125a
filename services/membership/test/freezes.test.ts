import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  startMembership,
  type MembershipHarness,
  type TestTenant,
} from './support/membership-harness.js';

/** Noon in Istanbul on the given date. */
const noonIstanbul = (date: string) => `${date}T09:00:00Z`;

describe('freezes', () => {
  let harness: MembershipHarness;
  let tenant: TestTenant;

  before(async () => {
    harness = await startMembership();
  });
  beforeEach(async () => {
    harness.clock.set(noonIstanbul('2026-03-01'));
    tenant = await harness.createTenant();
  });
  after(async () => {
    await harness?.close();
  });

  function post(path: string, body?: unknown, language = 'tr') {
    return harness.request('POST', path, {
      token: tenant.staffToken,
      body,
      headers: { 'accept-language': language },
    });
  }

  async function memberEndingOn31March() {
    const plan = await harness.createPlan(tenant, { durationValue: 31, durationUnit: 'DAY' });
    return harness.createMember(tenant, { planId: plan.id, membershipStartDate: '2026-03-01' });
  }

  it('freeze of 10 days moves the end date by 10', async () => {
    const member = await memberEndingOn31March();

    const response = await post(`/api/v1/members/${member.id}/freeze`, {
      startDate: '2026-03-01',
      endDate: '2026-03-10',
      reason: 'Sakatlık',
    });

    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.membershipEndDate, '2026-04-10');
    assert.equal(response.body.status, 'FROZEN');
    const events = await harness.dataSource.query(
      "SELECT type FROM membership.outbox_event WHERE tenant_id = $1 AND type IN ('membership.member.frozen', 'membership.member.status-changed') ORDER BY position",
      [tenant.tenantId],
    );
    assert.deepEqual(
      events.map((row: { type: string }) => row.type),
      ['membership.member.frozen', 'membership.member.status-changed'],
    );
  });

  it('unfreeze after 4 days keeps a move of 4', async () => {
    const member = await memberEndingOn31March();
    await post(`/api/v1/members/${member.id}/freeze`, {
      startDate: '2026-03-01',
      endDate: '2026-03-10',
    });

    harness.clock.set(noonIstanbul('2026-03-05'));
    const response = await post(`/api/v1/members/${member.id}/unfreeze`);

    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.membershipEndDate, '2026-04-04');
    assert.equal(response.body.status, 'ACTIVE');
    const [freeze] = await harness.dataSource.query(
      'SELECT days, end_date::text, unfrozen_on::text FROM membership.freezes WHERE member_id = $1',
      [member.id],
    );
    assert.deepEqual(freeze, { days: 4, end_date: '2026-03-04', unfrozen_on: '2026-03-05' });
  });

  it('unfreeze before the start cancels the freeze', async () => {
    const member = await memberEndingOn31March();
    await post(`/api/v1/members/${member.id}/freeze`, {
      startDate: '2026-03-20',
      endDate: '2026-03-29',
    });

    const response = await post(`/api/v1/members/${member.id}/unfreeze`);

    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.membershipEndDate, '2026-03-31');
    const second = await post(`/api/v1/members/${member.id}/freeze`, {
      startDate: '2026-03-20',
      endDate: '2026-03-22',
    });
    assert.equal(second.status, 200, `the cancelled freeze blocks nothing: ${second.text}`);
  });

  it('second open freeze is rejected', async () => {
    const member = await memberEndingOn31March();
    await post(`/api/v1/members/${member.id}/freeze`, {
      startDate: '2026-03-05',
      endDate: '2026-03-06',
    });

    const response = await post(
      `/api/v1/members/${member.id}/freeze`,
      { startDate: '2026-03-20', endDate: '2026-03-21' },
      'en',
    );

    assert.equal(response.status, 409, response.text);
    assert.equal(response.body.code, 'FREEZE_ALREADY_OPEN');
    assert.match(response.body.message, /2026-03-05/);
  });

  it('unfreeze frees the unused days', async () => {
    const member = await memberEndingOn31March();
    await post(`/api/v1/members/${member.id}/freeze`, {
      startDate: '2026-03-05',
      endDate: '2026-03-10',
    });
    harness.clock.set(noonIstanbul('2026-03-08'));
    await post(`/api/v1/members/${member.id}/unfreeze`);

    const response = await post(`/api/v1/members/${member.id}/freeze`, {
      startDate: '2026-03-08',
      endDate: '2026-03-12',
    });
    const overlapping = await harness.dataSource.query(
      'SELECT count(*)::int AS count FROM membership.freezes WHERE member_id = $1',
      [member.id],
    );

    assert.equal(response.status, 200, `the used days end on 7 March: ${response.text}`);
    assert.equal(overlapping[0].count, 2);
    harness.clock.set(noonIstanbul('2026-03-13'));
    const again = await post(`/api/v1/members/${member.id}/freeze`, {
      startDate: '2026-03-13',
      endDate: '2026-03-14',
    });
    assert.equal(again.status, 200, again.text);
    harness.clock.set(noonIstanbul('2026-03-13'));
    const clash = await post(`/api/v1/members/${member.id}/unfreeze`);
    assert.equal(clash.status, 200);
    const overlap = await post(`/api/v1/members/${member.id}/freeze`, {
      startDate: '2026-03-13',
      endDate: '2026-03-13',
    });
    assert.equal(
      overlap.status,
      200,
      `a freeze cancelled on its first day frees it: ${overlap.text}`,
    );
  });

  it('freeze dates are checked', async () => {
    const member = await memberEndingOn31March();
    const cases: [Record<string, string>, number, string][] = [
      [{ startDate: '2026-02-28', endDate: '2026-03-02' }, 400, 'FREEZE_START_IN_PAST'],
      [{ startDate: '2026-03-10', endDate: '2026-03-09' }, 400, 'FREEZE_DATES_INVALID'],
      [{ startDate: '2026-04-01', endDate: '2026-04-05' }, 400, 'FREEZE_PAST_END'],
      [{ startDate: '2026-03-02', endDate: '2027-03-02' }, 400, 'FREEZE_TOO_LONG'],
      [{ startDate: '2026-03-02', endDate: '2026-13-01' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const response = await post(`/api/v1/members/${member.id}/freeze`, body);
      assert.equal(response.status, status, `${JSON.stringify(body)}: ${response.text}`);
      assert.equal(response.body.code, code);
    }
  });

  it('freeze that overlaps a used one is rejected', async () => {
    const member = await memberEndingOn31March();
    await harness.dataSource.query(
      `INSERT INTO membership.freezes (tenant_id, member_id, start_date, planned_end_date, end_date, unfrozen_on, days, created_by)
       VALUES ($1, $2, '2026-03-10', '2026-03-15', '2026-03-12', '2026-03-13', 3, $1)`,
      [tenant.tenantId, member.id],
    );

    const response = await post(`/api/v1/members/${member.id}/freeze`, {
      startDate: '2026-03-12',
      endDate: '2026-03-20',
    });

    assert.equal(response.status, 409, response.text);
    assert.equal(response.body.code, 'FREEZE_OVERLAP');
  });

  it('unfreeze without an open freeze answers 409', async () => {
    const member = await memberEndingOn31March();

    const response = await post(`/api/v1/members/${member.id}/unfreeze`);

    assert.equal(response.status, 409);
    assert.equal(response.body.code, 'NO_OPEN_FREEZE');
  });

  it('archived member cannot be frozen', async () => {
    const member = await memberEndingOn31March();
    await harness.request('POST', `/api/v1/members/${member.id}/archive`, {
      token: tenant.adminToken,
    });

    const response = await post(`/api/v1/members/${member.id}/freeze`, {
      startDate: '2026-03-02',
      endDate: '2026-03-03',
    });

    assert.equal(response.status, 409);
    assert.equal(response.body.code, 'MEMBER_ARCHIVED');
  });

  it("another tenant's member answers 404", async () => {
    const member = await memberEndingOn31March();
    const intruder = await harness.createTenant();

    for (const action of ['freeze', 'unfreeze']) {
      const response = await harness.request('POST', `/api/v1/members/${member.id}/${action}`, {
        token: intruder.staffToken,
        body: action === 'freeze' ? { startDate: '2026-03-02', endDate: '2026-03-03' } : undefined,
      });
      assert.equal(response.status, 404, `${action}: ${response.text}`);
    }
  });
});
