import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  startMembership,
  uniquePhone,
  type MembershipHarness,
  type TestTenant,
} from './support/membership-harness.js';

describe('members', () => {
  let harness: MembershipHarness;

  before(async () => {
    harness = await startMembership();
  });
  after(async () => {
    await harness?.close();
  });

  async function eventsOf(tenantId: string, type: string): Promise<Record<string, unknown>[]> {
    const rows: { payload: { data: Record<string, unknown> } }[] = await harness.dataSource.query(
      'SELECT payload FROM membership.outbox_event WHERE tenant_id = $1 AND type = $2 ORDER BY position',
      [tenantId, type],
    );
    return rows.map((row) => row.payload.data);
  }

  function postMember(tenant: TestTenant, body: Record<string, unknown>, language = 'tr') {
    return harness.request('POST', '/api/v1/members', {
      token: tenant.staffToken,
      body,
      headers: { 'accept-language': language },
    });
  }

  function listMembers(tenant: TestTenant, query: string) {
    return harness.request('GET', `/api/v1/members?${query}`, { token: tenant.staffToken });
  }

  it('POST creates a member with a computed end date', async () => {
    harness.clock.set('2026-01-10T09:00:00Z');
    const tenant = await harness.createTenant();
    const plan = await harness.createPlan(tenant, { durationValue: 3, durationUnit: 'MONTH' });

    const response = await postMember(tenant, {
      firstName: ' Ayşe ',
      lastName: 'Yılmaz',
      phone: '0532 555 44 33',
      email: 'ayse@example.com',
      birthDate: '1990-05-17',
      gender: 'FEMALE',
      branchId: tenant.branchId,
      planId: plan.id,
      membershipStartDate: '2026-01-05',
    });

    assert.equal(response.status, 201, response.text);
    assert.equal(response.body.firstName, 'Ayşe');
    assert.equal(response.body.phone, '+905325554433');
    assert.equal(response.body.membershipStartDate, '2026-01-05');
    assert.equal(response.body.membershipEndDate, '2026-04-04');
    assert.equal(response.body.status, 'ACTIVE');
    assert.equal(response.body.remainingDays, 85);
    assert.equal(response.body.plan.name, plan.name);
    assert.equal(response.body.plan.price, '450.00');
    assert.equal(response.body.branchId, tenant.branchId);
    const events = await eventsOf(tenant.tenantId, 'membership.member.created');
    assert.equal(events.length, 1);
    assert.equal(events[0]!.memberId, response.body.id);
    assert.equal(events[0]!.phone, undefined, 'events carry no personal data');
    harness.clock.reset();
  });

  it('three spellings of one phone collide', async () => {
    const tenant = await harness.createTenant();
    const plan = await harness.createPlan(tenant);
    const base = { firstName: 'Ali', lastName: 'Kaya', branchId: tenant.branchId, planId: plan.id };
    const first = await postMember(tenant, {
      ...base,
      phone: '0532 123 45 67',
      membershipStartDate: '2026-01-01',
    });
    assert.equal(first.status, 201, first.text);

    for (const phone of ['5321234567', '+90 532 123 45 67']) {
      const response = await postMember(
        tenant,
        { ...base, phone, membershipStartDate: '2026-01-01' },
        'en',
      );
      assert.equal(response.status, 409, `${phone}: ${response.text}`);
      assert.equal(response.body.code, 'MEMBER_PHONE_TAKEN');
      assert.match(response.body.message, /\+905321234567/);
    }
  });

  it('same phone in another tenant is allowed', async () => {
    const first = await harness.createTenant();
    const second = await harness.createTenant();
    const phone = uniquePhone();

    await harness.createMember(first, { phone });
    const member = await harness.createMember(second, { phone });

    assert.ok(member.id);
  });

  it('POST rejects an invalid phone', async () => {
    const tenant = await harness.createTenant();
    const plan = await harness.createPlan(tenant);

    const response = await postMember(tenant, {
      firstName: 'Ali',
      lastName: 'Kaya',
      phone: '0532 12',
      branchId: tenant.branchId,
      planId: plan.id,
      membershipStartDate: '2026-01-01',
    });

    assert.equal(response.status, 400, response.text);
    assert.equal(response.body.errors[0].field, 'phone');
    assert.equal(response.body.errors[0].code, 'isPhoneNumber');
  });

  it('POST rejects unknown or archived branches and plans', async () => {
    const tenant = await harness.createTenant();
    const other = await harness.createTenant();
    const plan = await harness.createPlan(tenant);
    const archivedPlan = await harness.createPlan(tenant);
    await harness.request('POST', `/api/v1/membership-plans/${archivedPlan.id}/archive`, {
      token: tenant.adminToken,
    });
    const otherBranch = await harness.createBranch(tenant.tenantId);
    const branchPlan = await harness.createPlan(tenant, { scope: 'BRANCH', branchId: otherBranch });
    const archivedBranch = await harness.createBranch(tenant.tenantId);
    await harness.dataSource.query(
      'UPDATE membership.branch_replicas SET archived_at = now() WHERE branch_id = $1',
      [archivedBranch],
    );
    const foreignPlan = await harness.createPlan(other);

    const cases: [Record<string, unknown>, number, string][] = [
      [{ branchId: randomUUID() }, 400, 'BRANCH_NOT_FOUND'],
      [{ branchId: other.branchId }, 400, 'BRANCH_NOT_FOUND'],
      [{ branchId: archivedBranch }, 409, 'BRANCH_IS_ARCHIVED'],
      [{ planId: randomUUID() }, 400, 'UNKNOWN_PLAN'],
      [{ planId: foreignPlan.id }, 400, 'UNKNOWN_PLAN'],
      [{ planId: archivedPlan.id }, 409, 'PLAN_ARCHIVED'],
      [{ planId: branchPlan.id }, 400, 'PLAN_NOT_IN_BRANCH'],
    ];
    for (const [change, status, code] of cases) {
      const response = await postMember(tenant, {
        firstName: 'Ali',
        lastName: 'Kaya',
        phone: uniquePhone(),
        branchId: tenant.branchId,
        planId: plan.id,
        membershipStartDate: '2026-01-01',
        ...change,
      });
      assert.equal(response.status, status, `${JSON.stringify(change)}: ${response.text}`);
      assert.equal(response.body.code, code);
    }
  });

  it('POST validates fields', async () => {
    const tenant = await harness.createTenant();
    const plan = await harness.createPlan(tenant);
    const valid = {
      firstName: 'Ali',
      lastName: 'Kaya',
      phone: uniquePhone(),
      branchId: tenant.branchId,
      planId: plan.id,
      membershipStartDate: '2026-01-01',
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ membershipStartDate: '2026-02-30' }, 'membershipStartDate'],
      [{ membershipStartDate: '01.02.2026' }, 'membershipStartDate'],
      [{ firstName: '' }, 'firstName'],
      [{ lastName: 'x'.repeat(81) }, 'lastName'],
      [{ email: 'not-an-email' }, 'email'],
      [{ gender: 'X' }, 'gender'],
      [{ notes: 'x'.repeat(1001) }, 'notes'],
      [{ membershipEndDate: '2026-12-31' }, 'membershipEndDate'],
      [{ tenantId: randomUUID() }, 'tenantId'],
    ];
    for (const [change, field] of cases) {
      const response = await postMember(tenant, { ...valid, ...change });
      assert.equal(response.status, 400, `${JSON.stringify(change)}: ${response.text}`);
      assert.ok(
        response.body.errors.some((error: { field: string }) => error.field === field),
        `${JSON.stringify(change)} reports ${field}: ${response.text}`,
      );
    }
  });

  it('GET returns status and remaining days for the tenant today', async () => {
    const tenant = await harness.createTenant();
    const plan = await harness.createPlan(tenant, { durationValue: 10, durationUnit: 'DAY' });
    const member = await harness.createMember(tenant, {
      planId: plan.id,
      membershipStartDate: '2026-05-01',
    });

    const readAt = async (instant: string) => {
      harness.clock.set(instant);
      const response = await harness.request('GET', `/api/v1/members/${member.id}`, {
        token: tenant.staffToken,
      });
      assert.equal(response.status, 200, response.text);
      return response.body;
    };

    assert.deepEqual(
      ((body) => [body.status, body.remainingDays])(await readAt('2026-04-30T12:00:00Z')),
      ['PASSIVE', 10],
    );
    assert.deepEqual(
      ((body) => [body.status, body.remainingDays])(await readAt('2026-05-10T20:59:00Z')),
      ['ACTIVE', 1],
    );
    assert.deepEqual(
      ((body) => [body.status, body.remainingDays])(await readAt('2026-05-10T21:01:00Z')),
      ['PASSIVE', 0],
    );
    harness.clock.reset();
  });

  it('PATCH changes fields and publishes an update', async () => {
    const tenant = await harness.createTenant();
    const member = await harness.createMember(tenant);
    const secondBranch = await harness.createBranch(tenant.tenantId);

    const response = await harness.request('PATCH', `/api/v1/members/${member.id}`, {
      token: tenant.staffToken,
      body: {
        lastName: 'Demir',
        phone: '+90 533 000 11 22',
        notes: 'Sabah grubu',
        branchId: secondBranch,
      },
    });

    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.lastName, 'Demir');
    assert.equal(response.body.phone, '+905330001122');
    assert.equal(response.body.branchId, secondBranch);
    assert.equal(response.body.membershipEndDate, member.membershipEndDate);
    assert.equal((await eventsOf(tenant.tenantId, 'membership.member.updated')).length, 1);
    const found = await listMembers(tenant, 'search=demir');
    assert.equal(found.body.meta.total, 1, 'search uses the new name');
  });

  it('PATCH to a taken phone answers 409', async () => {
    const tenant = await harness.createTenant();
    const phone = uniquePhone();
    await harness.createMember(tenant, { phone });
    const member = await harness.createMember(tenant);

    const response = await harness.request('PATCH', `/api/v1/members/${member.id}`, {
      token: tenant.staffToken,
      body: { phone },
    });

    assert.equal(response.status, 409, response.text);
    assert.equal(response.body.code, 'MEMBER_PHONE_TAKEN');
  });

  it('archive sets ARCHIVED and blocks edits', async () => {
    const tenant = await harness.createTenant();
    const member = await harness.createMember(tenant);

    const archived = await harness.request('POST', `/api/v1/members/${member.id}/archive`, {
      token: tenant.adminToken,
    });
    const edit = await harness.request('PATCH', `/api/v1/members/${member.id}`, {
      token: tenant.staffToken,
      body: { notes: 'x' },
    });

    assert.equal(archived.status, 200, archived.text);
    assert.equal(archived.body.status, 'ARCHIVED');
    assert.equal(archived.body.remainingDays, 0);
    assert.equal(edit.status, 409);
    assert.equal(edit.body.code, 'MEMBER_ARCHIVED');
    const events = await eventsOf(tenant.tenantId, 'membership.member.status-changed');
    assert.equal(events.length, 1);
    assert.equal(events[0]!.status, 'ARCHIVED');
  });

  it('STAFF gets 403 on archive', async () => {
    const tenant = await harness.createTenant();
    const member = await harness.createMember(tenant);

    const response = await harness.request('POST', `/api/v1/members/${member.id}/archive`, {
      token: tenant.staffToken,
    });

    assert.equal(response.status, 403);
    assert.equal(response.body.code, 'FORBIDDEN_ROLE');
  });

  it("another tenant's member answers 404", async () => {
    const owner = await harness.createTenant();
    const intruder = await harness.createTenant();
    const member = await harness.createMember(owner);

    for (const [method, path, body] of [
      ['GET', `/api/v1/members/${member.id}`, undefined],
      ['PATCH', `/api/v1/members/${member.id}`, { notes: 'x' }],
      ['POST', `/api/v1/members/${member.id}/archive`, undefined],
      ['GET', '/api/v1/members/12345', undefined],
    ] as const) {
      const response = await harness.request(method, path, { token: intruder.adminToken, body });
      assert.equal(response.status, 404, `${method} ${path}: ${response.text}`);
      assert.equal(response.body.code, 'NOT_FOUND');
    }
    const list = await listMembers(intruder, '');
    assert.equal(list.body.meta.total, 0);
  });

  it('search folds Turkish case', async () => {
    const tenant = await harness.createTenant();
    await harness.createMember(tenant, { firstName: 'İSMAİL', lastName: 'YILDIZ' });
    await harness.createMember(tenant, { firstName: 'Işık', lastName: 'Çelik' });
    await harness.createMember(tenant, { firstName: 'Mehmet', lastName: 'Öz' });

    const names = async (term: string) => {
      const response = await listMembers(tenant, `search=${encodeURIComponent(term)}`);
      assert.equal(response.status, 200, response.text);
      return response.body.data.map((member: { firstName: string }) => member.firstName);
    };

    assert.deepEqual(await names('ismail'), ['İSMAİL']);
    assert.deepEqual(await names('ışık'), ['Işık']);
    assert.deepEqual(await names('IŞIK'), ['Işık']);
    assert.deepEqual(await names('yıldız'), ['İSMAİL']);
    assert.deepEqual(await names('celik'), ['Işık']);
    assert.deepEqual(await names('100%'), []);
  });

  it('search finds phone in any spelling', async () => {
    const tenant = await harness.createTenant();
    await harness.createMember(tenant, { firstName: 'Zeynep', phone: '0542 987 65 43' });

    for (const term of ['0542 987', '5429876543', '+90 542', '987 65 43']) {
      const response = await listMembers(tenant, `search=${encodeURIComponent(term)}`);
      assert.equal(response.body.meta.total, 1, `${term}: ${response.text}`);
    }
  });

  it('list filters by status, branch, plan and expiry', async () => {
    harness.clock.set('2026-06-15T09:00:00Z');
    const tenant = await harness.createTenant();
    const branch = await harness.createBranch(tenant.tenantId);
    const tenDays = await harness.createPlan(tenant, { durationValue: 10, durationUnit: 'DAY' });
    const year = await harness.createPlan(tenant, { durationValue: 12, durationUnit: 'MONTH' });
    const expiring = await harness.createMember(tenant, {
      planId: tenDays.id,
      membershipStartDate: '2026-06-10',
    });
    const ended = await harness.createMember(tenant, {
      planId: tenDays.id,
      membershipStartDate: '2026-05-01',
    });
    const longTerm = await harness.createMember(tenant, {
      planId: year.id,
      branchId: branch,
      membershipStartDate: '2026-06-01',
    });

    const ids = async (query: string) => {
      const response = await listMembers(tenant, query);
      assert.equal(response.status, 200, response.text);
      return response.body.data.map((member: { id: string }) => member.id).sort();
    };

    assert.deepEqual(await ids('status=ACTIVE'), [expiring.id, longTerm.id].sort());
    assert.deepEqual(await ids('status=PASSIVE'), [ended.id]);
    assert.deepEqual(await ids(`branchId=${branch}`), [longTerm.id]);
    assert.deepEqual(await ids(`planId=${tenDays.id}`), [expiring.id, ended.id].sort());
    assert.deepEqual(await ids('expiringWithinDays=7'), [expiring.id]);
    harness.clock.reset();
  });

  it('list sorts by Turkish name and paginates', async () => {
    const tenant = await harness.createTenant();
    for (const firstName of ['Cem', 'Çağla', 'Derya', 'İpek', 'Irmak']) {
      await harness.createMember(tenant, { firstName });
    }

    const first = await listMembers(tenant, 'sort=name&limit=3&page=1');
    const second = await listMembers(tenant, 'sort=name&limit=3&page=2');

    assert.deepEqual(first.body.meta, { page: 1, limit: 3, total: 5 });
    assert.deepEqual(
      [...first.body.data, ...second.body.data].map(
        (member: { firstName: string }) => member.firstName,
      ),
      ['Cem', 'Çağla', 'Derya', 'Irmak', 'İpek'],
    );
  });

  it('list sorts by end date and newest first', async () => {
    const tenant = await harness.createTenant();
    const late = await harness.createMember(tenant, { membershipStartDate: '2026-03-01' });
    const early = await harness.createMember(tenant, { membershipStartDate: '2026-01-01' });

    const byEnd = await listMembers(tenant, 'sort=membershipEndDate');
    const newest = await listMembers(tenant, 'sort=-createdAt');

    assert.deepEqual(
      byEnd.body.data.map((member: { id: string }) => member.id),
      [early.id, late.id],
    );
    assert.deepEqual(
      newest.body.data.map((member: { id: string }) => member.id),
      [early.id, late.id],
    );
  });

  it('list rejects invalid query values', async () => {
    const tenant = await harness.createTenant();
    for (const query of [
      'limit=101',
      'page=0',
      'status=GONE',
      'sort=phone',
      'expiringWithinDays=-1',
      'branchId=x',
    ]) {
      const response = await listMembers(tenant, query);
      assert.equal(response.status, 400, `${query}: ${response.text}`);
      assert.equal(response.body.code, 'VALIDATION_FAILED');
    }
  });

  it('STAFF limited to a branch sees only it', async () => {
    const tenant = await harness.createTenant();
    const otherBranch = await harness.createBranch(tenant.tenantId);
    const ownMember = await harness.createMember(tenant);
    const otherMember = await harness.createMember(tenant, { branchId: otherBranch });
    const limited = await harness.tokens.sign({
      tenantId: tenant.tenantId,
      role: 'STAFF',
      branchIds: [tenant.branchId],
    });

    const list = await harness.request('GET', '/api/v1/members', { token: limited });
    const hidden = await harness.request('GET', `/api/v1/members/${otherMember.id}`, {
      token: limited,
    });
    const freeze = await harness.request('POST', `/api/v1/members/${otherMember.id}/freeze`, {
      token: limited,
      body: { startDate: '2099-01-01', endDate: '2099-01-02' },
    });
    const create = await harness.request('POST', '/api/v1/members', {
      token: limited,
      body: {
        firstName: 'Ali',
        lastName: 'Kaya',
        phone: uniquePhone(),
        branchId: otherBranch,
        planId: ownMember.planId,
        membershipStartDate: '2026-01-01',
      },
      headers: { 'accept-language': 'en' },
    });
    const move = await harness.request('PATCH', `/api/v1/members/${ownMember.id}`, {
      token: limited,
      body: { branchId: otherBranch },
    });
    const own = await harness.request('GET', `/api/v1/members/${ownMember.id}`, { token: limited });

    assert.deepEqual(
      list.body.data.map((member: { id: string }) => member.id),
      [ownMember.id],
    );
    assert.equal(hidden.status, 404);
    assert.equal(freeze.status, 404, freeze.text);
    assert.equal(create.status, 403, create.text);
    assert.equal(create.body.code, 'BRANCH_NOT_ALLOWED');
    assert.match(create.body.message, new RegExp(otherBranch));
    assert.equal(move.status, 403, move.text);
    assert.equal(own.status, 200);
  });
});
