import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startIdentity, type IdentityHarness } from './support/identity-harness.js';
import { newEmail } from './support/signup-flow.js';

describe('query and id attacks', () => {
  let harness: IdentityHarness;

  before(async () => {
    harness = await startIdentity();
  });
  after(async () => {
    await harness?.close();
  });

  it('rejects a page beyond the maximum with 400', async () => {
    const { adminToken } = await harness.createTenantWithAdmin();
    const queries = ['page=1e20', 'page=1e300', 'limit=100&page=92233720368547759', 'page=1000001'];

    for (const route of ['/api/v1/users', '/api/v1/branches']) {
      for (const query of queries) {
        const response = await harness.request('GET', `${route}?${query}`, { token: adminToken });
        assert.equal(response.status, 400, `${route}?${query}: ${JSON.stringify(response.body)}`);
        assert.equal(response.body.code, 'VALIDATION_FAILED');
        assert.deepEqual(
          response.body.errors.map(
            (error: { field: string; code: string }) => `${error.field}:${error.code}`,
          ),
          ['page:max'],
        );
      }
    }

    const lastPage = await harness.request('GET', '/api/v1/users?page=1000000&limit=100', {
      token: adminToken,
    });
    assert.equal(lastPage.status, 200, JSON.stringify(lastPage.body));
    assert.deepEqual(lastPage.body.data, []);
  });

  it('accepts upper-case branch ids', async () => {
    const { tenantId, adminToken, defaultBranchId } = await harness.createTenantWithAdmin();
    const upperCaseId = defaultBranchId.toUpperCase();

    const invited = await harness.request('POST', '/api/v1/users', {
      token: adminToken,
      body: {
        email: newEmail('staff'),
        fullName: 'Zeynep Kara',
        role: 'STAFF',
        branchIds: [upperCaseId],
      },
    });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    assert.deepEqual(invited.body.branchIds, [defaultBranchId]);

    const staff = await harness.createUser(tenantId, 'STAFF');
    const updated = await harness.request('PATCH', `/api/v1/users/${staff.userId}`, {
      token: adminToken,
      body: { branchIds: [upperCaseId] },
    });
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.deepEqual(updated.body.branchIds, [defaultBranchId]);

    const duplicate = await harness.request('PATCH', `/api/v1/users/${staff.userId}`, {
      token: adminToken,
      body: { branchIds: [defaultBranchId, upperCaseId] },
    });
    assert.equal(duplicate.status, 400, JSON.stringify(duplicate.body));
    assert.equal(duplicate.body.errors[0].code, 'arrayUnique');
  });
});
