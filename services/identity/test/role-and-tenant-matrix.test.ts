import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startIdentity, type IdentityHarness } from './support/identity-harness.js';
import { newEmail } from './support/signup-flow.js';

/** Ids of one tenant's records that the routes below act on. */
interface Fixture {
  tenantId: string;
  adminToken: string;
  staffToken: string;
  defaultBranchId: string;
  branchId: string;
  archivedBranchId: string;
  invitedUserId: string;
  staffUserId: string;
}

interface Route {
  method: string;
  path: (fixture: Fixture) => string;
  body?: (fixture: Fixture) => Record<string, unknown>;
}

const adminRoutes: Route[] = [
  {
    method: 'PATCH',
    path: () => '/api/v1/tenants/current',
    body: () => ({ name: 'Staff Was Here' }),
  },
  { method: 'POST', path: () => '/api/v1/branches', body: () => ({ name: 'Staff Branch' }) },
  {
    method: 'PATCH',
    path: (f) => `/api/v1/branches/${f.branchId}`,
    body: () => ({ name: 'Renamed By Staff' }),
  },
  { method: 'POST', path: (f) => `/api/v1/branches/${f.branchId}/archive` },
  { method: 'POST', path: (f) => `/api/v1/branches/${f.archivedBranchId}/restore` },
  { method: 'POST', path: (f) => `/api/v1/branches/${f.branchId}/set-default` },
  { method: 'GET', path: () => '/api/v1/users' },
  {
    method: 'POST',
    path: () => '/api/v1/users',
    body: () => ({ email: newEmail('by-staff'), fullName: 'Staff Invite', role: 'ADMIN' }),
  },
  {
    method: 'PATCH',
    path: (f) => `/api/v1/users/${f.staffUserId}`,
    body: () => ({ role: 'ADMIN' }),
  },
  { method: 'POST', path: (f) => `/api/v1/users/${f.invitedUserId}/disable` },
  { method: 'POST', path: (f) => `/api/v1/users/${f.invitedUserId}/resend-invitation` },
];

const readRoutes: Route[] = [
  { method: 'GET', path: () => '/api/v1/tenants/current' },
  { method: 'GET', path: () => '/api/v1/branches' },
  { method: 'GET', path: () => '/api/v1/branches?includeArchived=true' },
];

/** Routes that take a record id of the tenant; another tenant must get 404 on each. */
const idRoutes: Route[] = [
  {
    method: 'PATCH',
    path: (f) => `/api/v1/branches/${f.branchId}`,
    body: () => ({ name: 'Taken Over' }),
  },
  { method: 'POST', path: (f) => `/api/v1/branches/${f.branchId}/archive` },
  { method: 'POST', path: (f) => `/api/v1/branches/${f.archivedBranchId}/restore` },
  { method: 'POST', path: (f) => `/api/v1/branches/${f.branchId}/set-default` },
  {
    method: 'PATCH',
    path: (f) => `/api/v1/users/${f.staffUserId}`,
    body: () => ({ fullName: 'Taken Over' }),
  },
  {
    method: 'PATCH',
    path: (f) => `/api/v1/users/${f.staffUserId}`,
    body: () => ({ role: 'ADMIN' }),
  },
  { method: 'POST', path: (f) => `/api/v1/users/${f.staffUserId}/disable` },
  { method: 'POST', path: (f) => `/api/v1/users/${f.invitedUserId}/resend-invitation` },
];

function describeRoute(route: Route): string {
  return `${route.method} ${route.path({
    tenantId: ':tenant',
    adminToken: '',
    staffToken: '',
    defaultBranchId: ':default',
    branchId: ':branch',
    archivedBranchId: ':archived',
    invitedUserId: ':invited',
    staffUserId: ':staff',
  })}`;
}

describe('role and tenant matrix', () => {
  let harness: IdentityHarness;
  let owner: Fixture;
  let intruder: Fixture;

  async function createFixture(): Promise<Fixture> {
    const { tenantId, adminToken, defaultBranchId } = await harness.createTenantWithAdmin();
    const staff = await harness.createUser(tenantId, 'STAFF');

    const branch = await harness.request('POST', '/api/v1/branches', {
      token: adminToken,
      body: { name: 'Kadıköy' },
    });
    const archived = await harness.request('POST', '/api/v1/branches', {
      token: adminToken,
      body: { name: 'Eski' },
    });
    await harness.request('POST', `/api/v1/branches/${archived.body.id}/archive`, {
      token: adminToken,
    });
    const invited = await harness.request('POST', '/api/v1/users', {
      token: adminToken,
      body: { email: newEmail('invited'), fullName: 'Davetli', role: 'STAFF' },
    });
    assert.equal(branch.status, 201, JSON.stringify(branch.body));
    assert.equal(archived.status, 201, JSON.stringify(archived.body));
    assert.equal(invited.status, 201, JSON.stringify(invited.body));

    return {
      tenantId,
      adminToken,
      staffToken: staff.token,
      defaultBranchId,
      branchId: branch.body.id,
      archivedBranchId: archived.body.id,
      invitedUserId: invited.body.id,
      staffUserId: staff.userId,
    };
  }

  /** Rows of the owner tenant that a rejected request must leave untouched. */
  async function snapshot(tenantId: string) {
    const tenants = await harness.dataSource.query(
      'SELECT name, timezone, locale, updated_at FROM identity.tenants WHERE id = $1',
      [tenantId],
    );
    const branches = await harness.dataSource.query(
      'SELECT id, name, is_default, archived_at, updated_at FROM identity.branches WHERE tenant_id = $1 ORDER BY id',
      [tenantId],
    );
    const users = await harness.dataSource.query(
      'SELECT id, full_name, role, status, branch_ids, updated_at FROM identity.users WHERE tenant_id = $1 ORDER BY id',
      [tenantId],
    );
    const events = await harness.dataSource.query(
      'SELECT count(*)::int AS count FROM identity.outbox_event WHERE tenant_id = $1',
      [tenantId],
    );
    const mails = await harness.dataSource.query(
      'SELECT count(*)::int AS count FROM identity.outgoing_mails',
    );
    return { tenants, branches, users, events, mails };
  }

  before(async () => {
    harness = await startIdentity();
    owner = await createFixture();
    intruder = await createFixture();
  });
  after(async () => {
    await harness?.close();
  });

  for (const route of adminRoutes) {
    it(`STAFF gets 403 on ${describeRoute(route)}`, async () => {
      const before = await snapshot(owner.tenantId);

      const response = await harness.request(route.method, route.path(owner), {
        token: owner.staffToken,
        body: route.body?.(owner),
      });

      assert.equal(response.status, 403, JSON.stringify(response.body));
      assert.equal(response.body.code, 'FORBIDDEN_ROLE');
      assert.deepEqual(await snapshot(owner.tenantId), before, 'nothing changed');
    });
  }

  for (const route of [...adminRoutes, ...readRoutes]) {
    it(`no token gets 401 on ${describeRoute(route)}`, async () => {
      const response = await harness.request(route.method, route.path(owner), {
        body: route.body?.(owner),
      });

      assert.equal(response.status, 401, JSON.stringify(response.body));
      assert.equal(response.body.code, 'UNAUTHENTICATED');
    });
  }

  for (const route of readRoutes) {
    it(`STAFF reads ${describeRoute(route)}`, async () => {
      const response = await harness.request(route.method, route.path(owner), {
        token: owner.staffToken,
      });

      assert.equal(response.status, 200, JSON.stringify(response.body));
    });
  }

  for (const route of idRoutes) {
    it(`other tenant gets 404 on ${describeRoute(route)}`, async () => {
      const before = await snapshot(owner.tenantId);

      const response = await harness.request(route.method, route.path(owner), {
        token: intruder.adminToken,
        body: route.body?.(owner),
      });

      assert.equal(response.status, 404, JSON.stringify(response.body));
      assert.equal(response.body.code, 'NOT_FOUND');
      assert.deepEqual(await snapshot(owner.tenantId), before, 'nothing changed');
    });
  }

  it('other tenant cannot assign foreign branches', async () => {
    const response = await harness.request('POST', '/api/v1/users', {
      token: intruder.adminToken,
      body: {
        email: newEmail('foreign'),
        fullName: 'Yabancı',
        role: 'STAFF',
        branchIds: [owner.branchId],
      },
    });
    const patch = await harness.request('PATCH', `/api/v1/users/${intruder.staffUserId}`, {
      token: intruder.adminToken,
      body: { branchIds: [owner.defaultBranchId] },
    });

    assert.equal(response.status, 400, JSON.stringify(response.body));
    assert.equal(response.body.code, 'UNKNOWN_BRANCH');
    assert.equal(patch.status, 400, JSON.stringify(patch.body));
    assert.equal(patch.body.code, 'UNKNOWN_BRANCH');
  });

  it('lists never show another tenant', async () => {
    const branches = await harness.request(
      'GET',
      '/api/v1/branches?includeArchived=true&limit=100',
      {
        token: intruder.adminToken,
      },
    );
    const users = await harness.request('GET', '/api/v1/users?limit=100', {
      token: intruder.adminToken,
    });

    const branchIds = branches.body.data.map((branch: { id: string }) => branch.id);
    const userIds = users.body.data.map((user: { id: string }) => user.id);
    for (const ownerBranchId of [owner.defaultBranchId, owner.branchId, owner.archivedBranchId]) {
      assert.ok(
        !branchIds.includes(ownerBranchId),
        `branch ${ownerBranchId} of the other tenant is hidden`,
      );
    }
    for (const ownerUserId of [owner.staffUserId, owner.invitedUserId]) {
      assert.ok(
        !userIds.includes(ownerUserId),
        `user ${ownerUserId} of the other tenant is hidden`,
      );
    }
  });
});
