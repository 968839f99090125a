import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startIdentity, type IdentityHarness } from './support/identity-harness.js';

describe('tenant settings', () => {
  let harness: IdentityHarness;

  before(async () => {
    harness = await startIdentity();
  });
  after(async () => {
    await harness?.close();
  });

  async function eventsOf(tenantId: string, type: string): Promise<Record<string, unknown>[]> {
    const rows: { payload: { data: Record<string, unknown> } }[] = await harness.dataSource.query(
      'SELECT payload FROM identity.outbox_event WHERE tenant_id = $1 AND type = $2 ORDER BY position',
      [tenantId, type],
    );
    return rows.map((row) => row.payload.data);
  }

  function fieldErrors(body: { errors?: { field: string; code: string }[] }): string[] {
    return (body.errors ?? []).map((error) => `${error.field}:${error.code}`);
  }

  it('GET current returns the caller tenant', async () => {
    const { tenantId } = await harness.createTenantWithAdmin();
    const staff = await harness.createUser(tenantId, 'STAFF');

    const response = await harness.request('GET', '/api/v1/tenants/current', {
      token: staff.token,
    });

    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.id, tenantId);
    assert.equal(response.body.timezone, 'Europe/Istanbul');
    assert.equal(response.body.locale, 'tr');
    assert.equal(response.body.currency, 'TRY');
    assert.equal(response.body.subscriptionStatus, 'TRIAL');
    assert.equal(typeof response.body.name, 'string');
    assert.ok(
      !Number.isNaN(Date.parse(response.body.createdAt)),
      'createdAt is an ISO-8601 instant',
    );
  });

  it('PATCH current updates settings', async () => {
    const { adminToken } = await harness.createTenantWithAdmin();

    const response = await harness.request('PATCH', '/api/v1/tenants/current', {
      token: adminToken,
      body: { name: '  Çınar Spor Kulübü  ', timezone: 'america/new_york', locale: 'en' },
    });

    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.name, 'Çınar Spor Kulübü', 'the name is trimmed');
    assert.equal(
      response.body.timezone,
      'America/New_York',
      'the zone is stored in its canonical spelling',
    );
    assert.equal(response.body.locale, 'en');
    assert.equal(response.body.currency, 'TRY', 'the currency is not editable');

    const reread = await harness.request('GET', '/api/v1/tenants/current', { token: adminToken });
    assert.equal(reread.body.name, 'Çınar Spor Kulübü');
    assert.equal(reread.body.timezone, 'America/New_York');
  });

  it('PATCH current publishes tenant.updated', async () => {
    const { tenantId, adminToken } = await harness.createTenantWithAdmin();

    await harness.request('PATCH', '/api/v1/tenants/current', {
      token: adminToken,
      body: { timezone: 'Europe/Berlin' },
    });

    const events = await eventsOf(tenantId, 'identity.tenant.updated');
    assert.equal(events.length, 1);
    assert.equal(events[0]!.tenantId, tenantId);
    assert.equal(events[0]!.timezone, 'Europe/Berlin');
    assert.equal(events[0]!.locale, 'tr');
    assert.equal(events[0]!.currency, 'TRY');
  });

  it('PATCH without changes publishes nothing', async () => {
    const { tenantId, adminToken } = await harness.createTenantWithAdmin();

    const empty = await harness.request('PATCH', '/api/v1/tenants/current', {
      token: adminToken,
      body: {},
    });
    const same = await harness.request('PATCH', '/api/v1/tenants/current', {
      token: adminToken,
      body: { timezone: 'Europe/Istanbul', locale: 'tr' },
    });

    assert.equal(empty.status, 200);
    assert.equal(same.status, 200);
    assert.deepEqual(await eventsOf(tenantId, 'identity.tenant.updated'), []);
  });

  const invalidBodies: { name: string; body: Record<string, unknown>; expected: string }[] = [
    { name: 'unknown zone', body: { timezone: 'Mars/Olympus' }, expected: 'timezone:isTimeZone' },
    {
      name: 'UTC offset instead of zone',
      body: { timezone: '+03:00' },
      expected: 'timezone:isTimeZone',
    },
    { name: 'zone of wrong type', body: { timezone: 3 }, expected: 'timezone:isString' },
    { name: 'unsupported locale', body: { locale: 'de' }, expected: 'locale:isIn' },
    { name: 'empty name', body: { name: '   ' }, expected: 'name:isLength' },
    {
      name: 'name over 120 characters',
      body: { name: 'ş'.repeat(121) },
      expected: 'name:isLength',
    },
    { name: 'null name', body: { name: null }, expected: 'name:isString' },
    { name: 'currency field', body: { currency: 'USD' }, expected: 'currency:whitelistValidation' },
    {
      name: 'tenantId field',
      body: { tenantId: '00000000-0000-4000-8000-000000000000' },
      expected: 'tenantId:whitelistValidation',
    },
    {
      name: 'subscriptionStatus field',
      body: { subscriptionStatus: 'ACTIVE' },
      expected: 'subscriptionStatus:whitelistValidation',
    },
  ];

  for (const testCase of invalidBodies) {
    it(`PATCH rejects ${testCase.name}`, async () => {
      const { adminToken } = await harness.createTenantWithAdmin();

      const response = await harness.request('PATCH', '/api/v1/tenants/current', {
        token: adminToken,
        body: testCase.body,
        headers: { 'accept-language': 'en' },
      });

      assert.equal(response.status, 400, JSON.stringify(response.body));
      assert.equal(response.body.code, 'VALIDATION_FAILED');
      assert.ok(
        fieldErrors(response.body).includes(testCase.expected),
        `expected ${testCase.expected} in ${fieldErrors(response.body).join(', ')}`,
      );
    });
  }

  it('PATCH changes only the caller tenant', async () => {
    const first = await harness.createTenantWithAdmin();
    const second = await harness.createTenantWithAdmin();
    const before = await harness.request('GET', '/api/v1/tenants/current', {
      token: second.adminToken,
    });

    await harness.request('PATCH', '/api/v1/tenants/current', {
      token: first.adminToken,
      body: { name: 'Only First' },
    });

    const after = await harness.request('GET', '/api/v1/tenants/current', {
      token: second.adminToken,
    });
    assert.equal(after.body.name, before.body.name);
    assert.equal(after.body.id, second.tenantId);
  });
});
