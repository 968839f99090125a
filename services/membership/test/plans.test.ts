import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startMembership, type MembershipHarness } from './support/membership-harness.js';

describe('membership plans', () => {
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

  function postPlan(token: string, body: Record<string, unknown>, language = 'tr') {
    return harness.request('POST', '/api/v1/membership-plans', {
      token,
      body,
      headers: { 'accept-language': language },
    });
  }

  const monthly = { scope: 'TENANT', durationValue: 1, durationUnit: 'MONTH', price: '450' };

  it('POST creates a tenant plan with a decimal price', async () => {
    const tenant = await harness.createTenant();

    const response = await postPlan(tenant.adminToken, {
      ...monthly,
      name: '  Aylık Standart ',
      sessionCount: 12,
      description: 'Sınırsız giriş',
    });

    assert.equal(response.status, 201, response.text);
    assert.equal(response.body.name, 'Aylık Standart');
    assert.equal(response.body.price, '450.00');
    assert.equal(response.body.scope, 'TENANT');
    assert.equal(response.body.branchId, null);
    assert.equal(response.body.sessionCount, 12);
    const events = await eventsOf(tenant.tenantId, 'membership.plan.created');
    assert.equal(events.length, 1);
    assert.equal(events[0]!.planId, response.body.id);
    assert.equal(events[0]!.price, '450.00');
  });

  it('POST creates a branch plan', async () => {
    const tenant = await harness.createTenant();

    const response = await postPlan(tenant.adminToken, {
      ...monthly,
      name: 'Şube Paketi',
      scope: 'BRANCH',
      branchId: tenant.branchId,
    });

    assert.equal(response.status, 201, response.text);
    assert.equal(response.body.branchId, tenant.branchId);
  });

  it('POST rejects scope and branch mismatches', async () => {
    const tenant = await harness.createTenant();

    const withoutBranch = await postPlan(tenant.adminToken, {
      ...monthly,
      name: 'A',
      scope: 'BRANCH',
    });
    assert.equal(withoutBranch.status, 400);
    assert.equal(withoutBranch.body.code, 'BRANCH_ID_REQUIRED');

    const tenantWithBranch = await postPlan(tenant.adminToken, {
      ...monthly,
      name: 'B',
      branchId: tenant.branchId,
    });
    assert.equal(tenantWithBranch.status, 400);
    assert.equal(tenantWithBranch.body.code, 'BRANCH_ID_NOT_ALLOWED');
  });

  it('POST rejects unknown and archived branches', async () => {
    const tenant = await harness.createTenant();
    const other = await harness.createTenant();

    for (const branchId of [randomUUID(), other.branchId]) {
      const response = await postPlan(
        tenant.adminToken,
        { ...monthly, name: 'X', scope: 'BRANCH', branchId },
        'en',
      );
      assert.equal(response.status, 400, response.text);
      assert.equal(response.body.code, 'BRANCH_NOT_FOUND');
      assert.match(response.body.message, new RegExp(branchId));
    }

    await harness.dataSource.query(
      'UPDATE membership.branch_replicas SET archived_at = now() WHERE branch_id = $1',
      [tenant.branchId],
    );
    const archived = await postPlan(tenant.adminToken, {
      ...monthly,
      name: 'Y',
      scope: 'BRANCH',
      branchId: tenant.branchId,
    });
    assert.equal(archived.status, 409, archived.text);
    assert.equal(archived.body.code, 'BRANCH_IS_ARCHIVED');
  });

  it('POST rejects a name taken in the same scope', async () => {
    const tenant = await harness.createTenant();
    await harness.createPlan(tenant, { name: 'Kadın Paketi' });

    const duplicate = await postPlan(tenant.adminToken, { ...monthly, name: 'KADIN PAKETİ' });

    assert.equal(duplicate.status, 409, duplicate.text);
    assert.equal(duplicate.body.code, 'PLAN_NAME_TAKEN');
    assert.match(duplicate.body.message, /KADIN PAKETİ/);
  });

  it('POST allows one name in different scopes', async () => {
    const tenant = await harness.createTenant();
    const secondBranch = await harness.createBranch(tenant.tenantId);
    await harness.createPlan(tenant, { name: 'Öğrenci' });

    for (const branchId of [tenant.branchId, secondBranch]) {
      const response = await postPlan(tenant.adminToken, {
        ...monthly,
        name: 'Öğrenci',
        scope: 'BRANCH',
        branchId,
      });
      assert.equal(response.status, 201, response.text);
    }
  });

  it('POST validates price and duration', async () => {
    const tenant = await harness.createTenant();
    const cases: [Record<string, unknown>, string][] = [
      [{ price: 450 }, 'price'],
      [{ price: '450.123' }, 'price'],
      [{ price: '-1' }, 'price'],
      [{ durationValue: 0 }, 'durationValue'],
      [{ durationValue: 121, durationUnit: 'MONTH' }, 'durationValue'],
      [{ durationUnit: 'YEAR' }, 'durationUnit'],
      [{ scope: 'GLOBAL' }, 'scope'],
      [{ name: 'x'.repeat(121) }, 'name'],
      [{ unknownField: 1 }, 'unknownField'],
    ];
    for (const [change, field] of cases) {
      const response = await postPlan(tenant.adminToken, { ...monthly, name: 'P', ...change });
      assert.equal(response.status, 400, `${JSON.stringify(change)}: ${response.text}`);
      assert.equal(response.body.code, 'VALIDATION_FAILED');
      assert.ok(
        response.body.errors.some((error: { field: string }) => error.field === field),
        `${JSON.stringify(change)} reports ${field}: ${response.text}`,
      );
    }
  });

  it('PATCH changes fields and publishes an update', async () => {
    const tenant = await harness.createTenant();
    const plan = await harness.createPlan(tenant, { name: 'Yıllık' });

    const response = await harness.request('PATCH', `/api/v1/membership-plans/${plan.id}`, {
      token: tenant.adminToken,
      body: { price: '5000.5', durationValue: 12, sessionCount: null },
    });

    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.price, '5000.50');
    assert.equal(response.body.durationValue, 12);
    assert.equal(response.body.scope, 'TENANT');
    const events = await eventsOf(tenant.tenantId, 'membership.plan.updated');
    assert.equal(events.length, 1);
    assert.equal(events[0]!.price, '5000.50');
  });

  it('PATCH without changes publishes nothing', async () => {
    const tenant = await harness.createTenant();
    const plan = await harness.createPlan(tenant, { price: '450.00' });

    const response = await harness.request('PATCH', `/api/v1/membership-plans/${plan.id}`, {
      token: tenant.adminToken,
      body: { price: '450' },
    });

    assert.equal(response.status, 200, response.text);
    assert.equal((await eventsOf(tenant.tenantId, 'membership.plan.updated')).length, 0);
  });

  it('PATCH rejects a scope change', async () => {
    const tenant = await harness.createTenant();
    const plan = await harness.createPlan(tenant);

    const response = await harness.request('PATCH', `/api/v1/membership-plans/${plan.id}`, {
      token: tenant.adminToken,
      body: { scope: 'BRANCH' },
    });

    assert.equal(response.status, 400, response.text);
    assert.equal(response.body.errors[0].field, 'scope');
  });

  it('archive hides the plan and frees its name', async () => {
    const tenant = await harness.createTenant();
    const plan = await harness.createPlan(tenant, { name: 'Eski Paket' });

    const archived = await harness.request('POST', `/api/v1/membership-plans/${plan.id}/archive`, {
      token: tenant.adminToken,
    });
    const again = await harness.request('POST', `/api/v1/membership-plans/${plan.id}/archive`, {
      token: tenant.adminToken,
    });

    assert.equal(archived.status, 200, archived.text);
    assert.ok(archived.body.archivedAt);
    assert.equal(again.status, 200);
    assert.equal((await eventsOf(tenant.tenantId, 'membership.plan.archived')).length, 1);
    const listed = await harness.request('GET', '/api/v1/membership-plans', {
      token: tenant.staffToken,
    });
    assert.equal(listed.body.meta.total, 0);
    const withArchived = await harness.request(
      'GET',
      '/api/v1/membership-plans?includeArchived=true',
      { token: tenant.staffToken },
    );
    assert.equal(withArchived.body.meta.total, 1);
    await harness.createPlan(tenant, { name: 'Eski Paket' });
  });

  it('GET with branchId lists tenant plans and that branch', async () => {
    const tenant = await harness.createTenant();
    const otherBranch = await harness.createBranch(tenant.tenantId);
    await harness.createPlan(tenant, { name: 'Çarşamba' });
    await harness.createPlan(tenant, { name: 'Ana', scope: 'BRANCH', branchId: tenant.branchId });
    await harness.createPlan(tenant, { name: 'Diğer', scope: 'BRANCH', branchId: otherBranch });

    const response = await harness.request(
      'GET',
      `/api/v1/membership-plans?branchId=${tenant.branchId}&limit=10`,
      { token: tenant.staffToken },
    );

    assert.equal(response.status, 200, response.text);
    assert.deepEqual(
      response.body.data.map((plan: { name: string }) => plan.name),
      ['Ana', 'Çarşamba'],
    );
    assert.deepEqual(response.body.meta, { page: 1, limit: 10, total: 2 });
  });

  it('STAFF gets 403 on every plan mutation', async () => {
    const tenant = await harness.createTenant();
    const plan = await harness.createPlan(tenant);
    const routes: [string, string, unknown][] = [
      ['POST', '/api/v1/membership-plans', { ...monthly, name: 'S' }],
      ['PATCH', `/api/v1/membership-plans/${plan.id}`, { price: '1' }],
      ['POST', `/api/v1/membership-plans/${plan.id}/archive`, undefined],
    ];
    for (const [method, path, body] of routes) {
      const response = await harness.request(method, path, { token: tenant.staffToken, body });
      assert.equal(response.status, 403, `${method} ${path}: ${response.text}`);
      assert.equal(response.body.code, 'FORBIDDEN_ROLE');
    }
  });

  it("another tenant's plan answers 404", async () => {
    const owner = await harness.createTenant();
    const intruder = await harness.createTenant();
    const plan = await harness.createPlan(owner);

    for (const [method, path, body] of [
      ['PATCH', `/api/v1/membership-plans/${plan.id}`, { price: '1' }],
      ['POST', `/api/v1/membership-plans/${plan.id}/archive`, undefined],
      ['PATCH', '/api/v1/membership-plans/not-a-uuid', { price: '1' }],
    ] as const) {
      const response = await harness.request(method, path, { token: intruder.adminToken, body });
      assert.equal(response.status, 404, `${method} ${path}: ${response.text}`);
      assert.equal(response.body.code, 'NOT_FOUND');
    }
  });

  it('request without a token gets 401', async () => {
    const response = await harness.request('GET', '/api/v1/membership-plans');

    assert.equal(response.status, 401);
    assert.equal(response.body.code, 'UNAUTHENTICATED');
  });
});
