import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startIdentity, type IdentityHarness } from './support/identity-harness.js';

describe('branches', () => {
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

  async function createBranch(token: string, name: string, extra: Record<string, unknown> = {}) {
    const response = await harness.request('POST', '/api/v1/branches', {
      token,
      body: { name, ...extra },
    });
    assert.equal(response.status, 201, `creating ${name}: ${JSON.stringify(response.body)}`);
    return response.body as { id: string; name: string };
  }

  async function defaultBranchIds(tenantId: string): Promise<string[]> {
    const rows: { id: string }[] = await harness.dataSource.query(
      'SELECT id FROM identity.branches WHERE tenant_id = $1 AND is_default',
      [tenantId],
    );
    return rows.map((row) => row.id);
  }

  it('POST creates a branch', async () => {
    const { tenantId, adminToken } = await harness.createTenantWithAdmin();

    const response = await harness.request('POST', '/api/v1/branches', {
      token: adminToken,
      body: { name: '  Kadıköy  ', address: 'Moda Cd. 12, İstanbul', phone: '+90 216 555 12 34' },
    });

    assert.equal(response.status, 201, JSON.stringify(response.body));
    assert.deepEqual(Object.keys(response.body).sort(), [
      'address',
      'archivedAt',
      'createdAt',
      'id',
      'isDefault',
      'name',
      'phone',
      'updatedAt',
    ]);
    assert.equal(response.body.name, 'Kadıköy', 'the name is trimmed');
    assert.equal(response.body.address, 'Moda Cd. 12, İstanbul');
    assert.equal(response.body.phone, '+90 216 555 12 34');
    assert.equal(response.body.isDefault, false);
    assert.equal(response.body.archivedAt, null);

    const events = await eventsOf(tenantId, 'identity.branch.created');
    assert.equal(events.length, 1);
    assert.equal(events[0]!.branchId, response.body.id);
    assert.equal(events[0]!.name, 'Kadıköy');
  });

  it('POST without address or phone stores null', async () => {
    const { adminToken } = await harness.createTenantWithAdmin();

    const response = await harness.request('POST', '/api/v1/branches', {
      token: adminToken,
      body: { name: 'Beşiktaş', address: '   ' },
    });

    assert.equal(response.status, 201, JSON.stringify(response.body));
    assert.equal(response.body.address, null, 'a blank address is stored as null');
    assert.equal(response.body.phone, null);
  });

  it('POST rejects a name taken ignoring case', async () => {
    const { adminToken } = await harness.createTenantWithAdmin();
    await createBranch(adminToken, 'Şişli');

    const duplicate = await harness.request('POST', '/api/v1/branches', {
      token: adminToken,
      body: { name: 'ŞİŞLİ' },
      headers: { 'accept-language': 'en' },
    });

    assert.equal(duplicate.status, 409, JSON.stringify(duplicate.body));
    assert.equal(duplicate.body.code, 'BRANCH_NAME_TAKEN');
    assert.match(duplicate.body.message, /"ŞİŞLİ"/, 'the message names the requested name');
  });

  it('POST folds Turkish dotted and dotless I in names', async () => {
    const { adminToken } = await harness.createTenantWithAdmin();
    const pairs = [
      ['Kadıköy', 'KADIKÖY'],
      ['İstanbul Şubesi', 'ISTANBUL ŞUBESI'],
      ['Ilıca', 'ılıca'],
    ];
    for (const [existing, duplicate] of pairs) {
      await createBranch(adminToken, existing!);
      const response = await harness.request('POST', '/api/v1/branches', {
        token: adminToken,
        body: { name: duplicate },
      });
      assert.equal(
        response.status,
        409,
        `${duplicate} duplicates ${existing}: ${JSON.stringify(response.body)}`,
      );
      assert.equal(response.body.code, 'BRANCH_NAME_TAKEN');
    }
  });

  it('GET limits staff to their assigned branches', async () => {
    const { tenantId, adminToken, defaultBranchId } = await harness.createTenantWithAdmin();
    const assigned = await createBranch(adminToken, 'Bornova');
    const limitedStaff = await harness.createUser(tenantId, 'STAFF', [assigned.id]);
    const unlimitedStaff = await harness.createUser(tenantId, 'STAFF', []);

    const limited = await harness.request('GET', '/api/v1/branches', { token: limitedStaff.token });
    const unlimited = await harness.request('GET', '/api/v1/branches', {
      token: unlimitedStaff.token,
    });

    assert.deepEqual(
      limited.body.data.map((branch: { id: string }) => branch.id),
      [assigned.id],
    );
    assert.equal(limited.body.meta.total, 1);
    assert.deepEqual(
      unlimited.body.data.map((branch: { id: string }) => branch.id).sort(),
      [assigned.id, defaultBranchId].sort(),
      'staff without assigned branches see every branch',
    );
  });

  it('POST allows a name used by another tenant', async () => {
    const first = await harness.createTenantWithAdmin();
    const second = await harness.createTenantWithAdmin();
    await createBranch(first.adminToken, 'Üsküdar');

    const response = await harness.request('POST', '/api/v1/branches', {
      token: second.adminToken,
      body: { name: 'Üsküdar' },
    });

    assert.equal(response.status, 201, JSON.stringify(response.body));
  });

  it('POST lets one of concurrent duplicates win', async () => {
    const { tenantId, adminToken } = await harness.createTenantWithAdmin();

    const responses = await Promise.all(
      ['Çankaya', 'ÇANKAYA', 'çankaya', 'Çankaya', 'ÇanKaya'].map((name) =>
        harness.request('POST', '/api/v1/branches', { token: adminToken, body: { name } }),
      ),
    );

    const statuses = responses.map((response) => response.status).sort();
    assert.deepEqual(statuses, [201, 409, 409, 409, 409]);
    for (const response of responses.filter((each) => each.status === 409)) {
      assert.equal(response.body.code, 'BRANCH_NAME_TAKEN');
    }
    assert.equal(
      (await eventsOf(tenantId, 'identity.branch.created')).length,
      1,
      'only the winner publishes',
    );
  });

  const invalidBodies: { name: string; body: Record<string, unknown>; expected: string }[] = [
    { name: 'missing name', body: {}, expected: 'name:isDefined' },
    { name: 'blank name', body: { name: '  ' }, expected: 'name:isLength' },
    {
      name: 'name over 120 characters',
      body: { name: 'a'.repeat(121) },
      expected: 'name:isLength',
    },
    {
      name: 'address over 300 characters',
      body: { name: 'Bornova', address: 'a'.repeat(301) },
      expected: 'address:maxLength',
    },
    {
      name: 'phone over 32 characters',
      body: { name: 'Bornova', phone: '1'.repeat(33) },
      expected: 'phone:maxLength',
    },
    {
      name: 'phone with letters',
      body: { name: 'Bornova', phone: 'call me' },
      expected: 'phone:matches',
    },
    {
      name: 'isDefault field',
      body: { name: 'Bornova', isDefault: true },
      expected: 'isDefault:whitelistValidation',
    },
    {
      name: 'tenantId field',
      body: { name: 'Bornova', tenantId: randomUUID() },
      expected: 'tenantId:whitelistValidation',
    },
  ];

  for (const testCase of invalidBodies) {
    it(`POST rejects ${testCase.name}`, async () => {
      const { adminToken } = await harness.createTenantWithAdmin();

      const response = await harness.request('POST', '/api/v1/branches', {
        token: adminToken,
        body: testCase.body,
      });

      assert.equal(response.status, 400, JSON.stringify(response.body));
      assert.equal(response.body.code, 'VALIDATION_FAILED');
      const fields = (response.body.errors ?? []).map(
        (error: { field: string; code: string }) => `${error.field}:${error.code}`,
      );
      assert.ok(
        fields.includes(testCase.expected),
        `expected ${testCase.expected} in ${fields.join(', ')}`,
      );
    });
  }

  it('GET lists default first, then by name', async () => {
    const { adminToken, tenantId } = await harness.createTenantWithAdmin();
    const staff = await harness.createUser(tenantId, 'STAFF');
    await createBranch(adminToken, 'Zeytinburnu');
    await createBranch(adminToken, 'Çankaya');
    await createBranch(adminToken, 'Ataşehir');
    const archived = await createBranch(adminToken, 'Avcılar');
    await harness.request('POST', `/api/v1/branches/${archived.id}/archive`, { token: adminToken });

    const response = await harness.request('GET', '/api/v1/branches', { token: staff.token });

    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(
      response.body.data.map((branch: { name: string }) => branch.name),
      ['Merkez', 'Ataşehir', 'Çankaya', 'Zeytinburnu'],
      'Ç sorts between C and D, not after Z',
    );
    assert.equal(response.body.data[0].isDefault, true);
    assert.deepEqual(response.body.meta, { page: 1, limit: 20, total: 4 });
  });

  it('GET includes archived on request', async () => {
    const { adminToken } = await harness.createTenantWithAdmin();
    const archived = await createBranch(adminToken, 'Avcılar');
    await harness.request('POST', `/api/v1/branches/${archived.id}/archive`, { token: adminToken });

    const withArchived = await harness.request('GET', '/api/v1/branches?includeArchived=true', {
      token: adminToken,
    });
    const withoutArchived = await harness.request('GET', '/api/v1/branches?includeArchived=false', {
      token: adminToken,
    });

    assert.equal(withArchived.body.meta.total, 2);
    const listed = withArchived.body.data.find(
      (branch: { id: string }) => branch.id === archived.id,
    );
    assert.ok(listed, 'the archived branch is listed');
    assert.ok(listed.archivedAt, 'archivedAt is set');
    assert.equal(withoutArchived.body.meta.total, 1);
  });

  it('GET pages through branches', async () => {
    const { adminToken } = await harness.createTenantWithAdmin();
    for (const name of ['B1', 'B2', 'B3', 'B4']) {
      await createBranch(adminToken, name);
    }

    const second = await harness.request('GET', '/api/v1/branches?page=2&limit=2', {
      token: adminToken,
    });

    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.deepEqual(second.body.meta, { page: 2, limit: 2, total: 5 });
    assert.deepEqual(
      second.body.data.map((branch: { name: string }) => branch.name),
      ['B2', 'B3'],
    );
  });

  for (const query of ['includeArchived=yes', 'limit=101', 'page=0', 'limit=abc', 'tenantId=x']) {
    it(`GET rejects query ${query}`, async () => {
      const { adminToken } = await harness.createTenantWithAdmin();

      const response = await harness.request('GET', `/api/v1/branches?${query}`, {
        token: adminToken,
      });

      assert.equal(response.status, 400, JSON.stringify(response.body));
      assert.equal(response.body.code, 'VALIDATION_FAILED');
    });
  }

  it('PATCH edits and clears fields', async () => {
    const { adminToken, tenantId } = await harness.createTenantWithAdmin();
    const branch = await createBranch(adminToken, 'Bakırköy', {
      address: 'Eski adres',
      phone: '0212 555 00 00',
    });

    const response = await harness.request('PATCH', `/api/v1/branches/${branch.id}`, {
      token: adminToken,
      body: { name: 'Bakırköy Sahil', address: null },
    });

    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.name, 'Bakırköy Sahil');
    assert.equal(response.body.address, null, 'null clears the address');
    assert.equal(response.body.phone, '0212 555 00 00', 'an omitted field stays');
    const events = await eventsOf(tenantId, 'identity.branch.updated');
    assert.equal(events.length, 1);
    assert.equal(events[0]!.name, 'Bakırköy Sahil');
  });

  it('PATCH rejects a taken name', async () => {
    const { adminToken } = await harness.createTenantWithAdmin();
    const branch = await createBranch(adminToken, 'Maltepe');

    const response = await harness.request('PATCH', `/api/v1/branches/${branch.id}`, {
      token: adminToken,
      body: { name: 'merkez' },
    });

    assert.equal(response.status, 409, JSON.stringify(response.body));
    assert.equal(response.body.code, 'BRANCH_NAME_TAKEN');
  });

  it('PATCH allows changing the case of its own name', async () => {
    const { adminToken } = await harness.createTenantWithAdmin();
    const branch = await createBranch(adminToken, 'pendik');

    const response = await harness.request('PATCH', `/api/v1/branches/${branch.id}`, {
      token: adminToken,
      body: { name: 'Pendik' },
    });

    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.name, 'Pendik');
  });

  it('PATCH rejects null name', async () => {
    const { adminToken } = await harness.createTenantWithAdmin();
    const branch = await createBranch(adminToken, 'Tuzla');

    const response = await harness.request('PATCH', `/api/v1/branches/${branch.id}`, {
      token: adminToken,
      body: { name: null },
    });

    assert.equal(response.status, 400, JSON.stringify(response.body));
    assert.equal(response.body.code, 'VALIDATION_FAILED');
  });

  for (const [label, id] of [
    ['malformed id', 'not-a-uuid'],
    ['unknown id', randomUUID()],
  ] as const) {
    it(`PATCH answers 404 for ${label}`, async () => {
      const { adminToken } = await harness.createTenantWithAdmin();

      const response = await harness.request('PATCH', `/api/v1/branches/${id}`, {
        token: adminToken,
        body: { name: 'Kartal' },
      });

      assert.equal(response.status, 404, JSON.stringify(response.body));
      assert.equal(response.body.code, 'NOT_FOUND');
    });
  }

  it('archive refuses the default branch', async () => {
    const { adminToken, defaultBranchId } = await harness.createTenantWithAdmin();

    const response = await harness.request('POST', `/api/v1/branches/${defaultBranchId}/archive`, {
      token: adminToken,
    });

    assert.equal(response.status, 409, JSON.stringify(response.body));
    assert.equal(response.body.code, 'DEFAULT_BRANCH_ARCHIVE');
  });

  it('archive and restore toggle archivedAt', async () => {
    const { adminToken, tenantId } = await harness.createTenantWithAdmin();
    const branch = await createBranch(adminToken, 'Sarıyer');

    const archived = await harness.request('POST', `/api/v1/branches/${branch.id}/archive`, {
      token: adminToken,
    });
    const archivedAgain = await harness.request('POST', `/api/v1/branches/${branch.id}/archive`, {
      token: adminToken,
    });
    const restored = await harness.request('POST', `/api/v1/branches/${branch.id}/restore`, {
      token: adminToken,
    });
    const restoredAgain = await harness.request('POST', `/api/v1/branches/${branch.id}/restore`, {
      token: adminToken,
    });

    assert.equal(archived.status, 200, JSON.stringify(archived.body));
    assert.ok(archived.body.archivedAt, 'archivedAt is set');
    assert.equal(archivedAgain.status, 200);
    assert.equal(
      archivedAgain.body.archivedAt,
      archived.body.archivedAt,
      'a repeated archive changes nothing',
    );
    assert.equal(restored.status, 200);
    assert.equal(restored.body.archivedAt, null);
    assert.equal(restoredAgain.status, 200);
    assert.equal((await eventsOf(tenantId, 'identity.branch.archived')).length, 1);
    assert.equal((await eventsOf(tenantId, 'identity.branch.restored')).length, 1);
  });

  it('set-default refuses an archived branch', async () => {
    const { adminToken, tenantId, defaultBranchId } = await harness.createTenantWithAdmin();
    const branch = await createBranch(adminToken, 'Eyüp');
    await harness.request('POST', `/api/v1/branches/${branch.id}/archive`, { token: adminToken });

    const response = await harness.request('POST', `/api/v1/branches/${branch.id}/set-default`, {
      token: adminToken,
    });

    assert.equal(response.status, 409, JSON.stringify(response.body));
    assert.equal(response.body.code, 'BRANCH_ARCHIVED');
    assert.deepEqual(await defaultBranchIds(tenantId), [defaultBranchId]);
  });

  it('set-default moves the default', async () => {
    const { adminToken, tenantId, defaultBranchId } = await harness.createTenantWithAdmin();
    const branch = await createBranch(adminToken, 'Fatih');

    const response = await harness.request('POST', `/api/v1/branches/${branch.id}/set-default`, {
      token: adminToken,
    });
    const oldDefaultArchive = await harness.request(
      'POST',
      `/api/v1/branches/${defaultBranchId}/archive`,
      {
        token: adminToken,
      },
    );

    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.isDefault, true);
    assert.deepEqual(await defaultBranchIds(tenantId), [branch.id]);
    assert.equal(oldDefaultArchive.status, 200, 'the former default can be archived');
    const events = await eventsOf(tenantId, 'identity.branch.default-changed');
    assert.deepEqual(events, [{ branchId: branch.id, previousBranchId: defaultBranchId }]);
  });

  it('set-default keeps one default under concurrency', async () => {
    const { adminToken, tenantId } = await harness.createTenantWithAdmin();
    const branches = [];
    for (const name of ['Esenler', 'Bağcılar', 'Güngören', 'Zeytinburnu']) {
      branches.push(await createBranch(adminToken, name));
    }

    const responses = await Promise.all(
      branches.map((branch) =>
        harness.request('POST', `/api/v1/branches/${branch.id}/set-default`, { token: adminToken }),
      ),
    );

    assert.deepEqual(
      responses.map((response) => response.status),
      [200, 200, 200, 200],
    );
    assert.equal((await defaultBranchIds(tenantId)).length, 1, 'exactly one default remains');
  });

  it('set-default on the default changes nothing', async () => {
    const { adminToken, tenantId, defaultBranchId } = await harness.createTenantWithAdmin();

    const response = await harness.request(
      'POST',
      `/api/v1/branches/${defaultBranchId}/set-default`,
      {
        token: adminToken,
      },
    );

    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.isDefault, true);
    assert.deepEqual(await eventsOf(tenantId, 'identity.branch.default-changed'), []);
  });
});
