import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { extractCode } from '@gym/testing';
import { startIdentity, type IdentityHarness } from './support/identity-harness.js';
import { newEmail, strongPassword } from './support/signup-flow.js';

describe('users', () => {
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

  async function invite(token: string, body: Record<string, unknown> = {}) {
    const response = await harness.request('POST', '/api/v1/users', {
      token,
      body: { email: newEmail('staff'), fullName: 'Mehmet Kaya', role: 'STAFF', ...body },
    });
    assert.equal(
      response.status,
      201,
      `invite answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
    return response.body as { id: string; email: string; status: string; role: string };
  }

  async function inviteAndAccept(token: string, role: 'ADMIN' | 'STAFF') {
    const mailsBefore = harness.smtp.mails.length;
    const user = await invite(token, { role });
    const code = extractCode(await harness.smtp.waitForMail(user.email, { after: mailsBefore }));
    const accepted = await harness.request('POST', '/api/v1/auth/invitations/accept', {
      body: { email: user.email, code, password: strongPassword },
    });
    assert.equal(
      accepted.status,
      200,
      `accept answered ${accepted.status}: ${JSON.stringify(accepted.body)}`,
    );
    return {
      ...user,
      accessToken: accepted.body.accessToken as string,
      refreshToken: accepted.body.refreshToken as string,
    };
  }

  async function createBranch(token: string, name: string): Promise<string> {
    const response = await harness.request('POST', '/api/v1/branches', { token, body: { name } });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.id;
  }

  it('POST invites a user', async () => {
    const { tenantId, adminToken, defaultBranchId } = await harness.createTenantWithAdmin();
    const email = newEmail('Staff');

    const response = await harness.request('POST', '/api/v1/users', {
      token: adminToken,
      body: {
        email: `  ${email.toUpperCase()} `,
        fullName: ' Zeynep Çelik ',
        role: 'STAFF',
        branchIds: [defaultBranchId],
      },
    });

    assert.equal(response.status, 201, JSON.stringify(response.body));
    assert.deepEqual(Object.keys(response.body).sort(), [
      'branchIds',
      'createdAt',
      'email',
      'fullName',
      'id',
      'role',
      'status',
    ]);
    assert.equal(response.body.email, email.toLowerCase(), 'the email is trimmed and lower-cased');
    assert.equal(response.body.fullName, 'Zeynep Çelik');
    assert.equal(response.body.role, 'STAFF');
    assert.equal(response.body.status, 'INVITED');
    assert.deepEqual(response.body.branchIds, [defaultBranchId]);

    const events = await eventsOf(tenantId, 'identity.user.created');
    assert.deepEqual(events, [
      { userId: response.body.id, role: 'STAFF', status: 'INVITED', branchIds: [defaultBranchId] },
    ]);
  });

  it('POST mails a 6-digit invitation code', async () => {
    const { adminToken } = await harness.createTenantWithAdmin();
    const mailsBefore = harness.smtp.mails.length;

    const user = await invite(adminToken);

    const mail = await harness.smtp.waitForMail(user.email, { after: mailsBefore });
    assert.match(extractCode(mail), /^\d{6}$/);
    const tenant = await harness.request('GET', '/api/v1/tenants/current', { token: adminToken });
    assert.ok(mail.text.includes(tenant.body.name), `the mail names the gym: ${mail.text}`);
  });

  it('invited user accepts with the mailed code', async () => {
    const { adminToken } = await harness.createTenantWithAdmin();

    const user = await inviteAndAccept(adminToken, 'STAFF');

    const list = await harness.request('GET', '/api/v1/users', { token: adminToken });
    const listed = list.body.data.find((each: { id: string }) => each.id === user.id);
    assert.equal(listed.status, 'ACTIVE');
  });

  it('POST rejects a taken email ignoring case', async () => {
    const first = await harness.createTenantWithAdmin();
    const second = await harness.createTenantWithAdmin();
    const user = await invite(first.adminToken);

    const sameTenant = await harness.request('POST', '/api/v1/users', {
      token: first.adminToken,
      body: { email: user.email.toUpperCase(), fullName: 'Kopya', role: 'STAFF' },
    });
    const otherTenant = await harness.request('POST', '/api/v1/users', {
      token: second.adminToken,
      body: { email: user.email, fullName: 'Kopya', role: 'ADMIN' },
    });

    assert.equal(sameTenant.status, 409, JSON.stringify(sameTenant.body));
    assert.equal(sameTenant.body.code, 'EMAIL_TAKEN');
    assert.equal(otherTenant.status, 409, 'emails are unique across tenants');
    assert.equal(otherTenant.body.code, 'EMAIL_TAKEN');
  });

  it('POST lets one of concurrent same emails win', async () => {
    const { tenantId, adminToken } = await harness.createTenantWithAdmin();
    const email = newEmail('race');
    const mailsBefore = harness.smtp.mails.length;

    const responses = await Promise.all(
      [email, email.toUpperCase(), email, email].map((each) =>
        harness.request('POST', '/api/v1/users', {
          token: adminToken,
          body: { email: each, fullName: 'Yarış', role: 'STAFF' },
        }),
      ),
    );

    assert.deepEqual(responses.map((response) => response.status).sort(), [201, 409, 409, 409]);
    assert.equal((await eventsOf(tenantId, 'identity.user.created')).length, 1);
    await harness.smtp.waitForMail(email, { after: mailsBefore });
    const [{ count }] = await harness.dataSource.query(
      'SELECT count(*)::int AS count FROM identity.outgoing_mails WHERE to_address = $1',
      [email],
    );
    assert.equal(count, 1, 'the losers queue no mail');
  });

  it('POST rejects branches outside the tenant or archived', async () => {
    const first = await harness.createTenantWithAdmin();
    const second = await harness.createTenantWithAdmin();
    const archivedId = await createBranch(first.adminToken, 'Arşiv');
    await harness.request('POST', `/api/v1/branches/${archivedId}/archive`, {
      token: first.adminToken,
    });
    const missingId = randomUUID();

    for (const branchId of [second.defaultBranchId, archivedId, missingId]) {
      const response = await harness.request('POST', '/api/v1/users', {
        token: first.adminToken,
        body: {
          email: newEmail(),
          fullName: 'Şube Yok',
          role: 'STAFF',
          branchIds: [first.defaultBranchId, branchId],
        },
        headers: { 'accept-language': 'en' },
      });

      assert.equal(response.status, 400, JSON.stringify(response.body));
      assert.equal(response.body.code, 'UNKNOWN_BRANCH');
      assert.equal(response.body.message, `Branch not found: ${branchId}.`);
    }
    assert.deepEqual(await eventsOf(first.tenantId, 'identity.user.created'), []);
  });

  const invalidBodies: { name: string; body: Record<string, unknown>; expected: string }[] = [
    { name: 'invalid email', body: { email: 'not-an-email' }, expected: 'email:isEmail' },
    {
      name: 'email over 254 characters',
      body: { email: `${'a'.repeat(250)}@example.com` },
      expected: 'email:maxLength',
    },
    { name: 'unknown role', body: { role: 'OWNER' }, expected: 'role:isIn' },
    { name: 'blank fullName', body: { fullName: '  ' }, expected: 'fullName:isLength' },
    {
      name: 'fullName over 120 characters',
      body: { fullName: 'ı'.repeat(121) },
      expected: 'fullName:isLength',
    },
    {
      name: 'branchIds not UUIDs',
      body: { branchIds: ['branch-1'] },
      expected: 'branchIds:isUuid',
    },
    { name: 'branchIds not a list', body: { branchIds: 'x' }, expected: 'branchIds:isArray' },
    {
      name: 'repeated branchIds',
      body: { branchIds: [randomUUID()].flatMap((id) => [id, id]) },
      expected: 'branchIds:arrayUnique',
    },
    { name: 'status field', body: { status: 'ACTIVE' }, expected: 'status:whitelistValidation' },
    {
      name: 'password field',
      body: { password: strongPassword },
      expected: 'password:whitelistValidation',
    },
  ];

  for (const testCase of invalidBodies) {
    it(`POST rejects ${testCase.name}`, async () => {
      const { adminToken } = await harness.createTenantWithAdmin();

      const response = await harness.request('POST', '/api/v1/users', {
        token: adminToken,
        body: { email: newEmail(), fullName: 'Ali Veli', role: 'STAFF', ...testCase.body },
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

  it('GET lists only the tenant users', async () => {
    const first = await harness.createTenantWithAdmin();
    const second = await harness.createTenantWithAdmin();
    const invited = await invite(first.adminToken);
    await invite(second.adminToken);

    const response = await harness.request('GET', '/api/v1/users', { token: first.adminToken });

    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(
      response.body.data.map((user: { id: string }) => user.id),
      [first.adminUserId, invited.id],
    );
    assert.deepEqual(response.body.meta, { page: 1, limit: 20, total: 2 });
  });

  it('GET pages through users', async () => {
    const { adminToken } = await harness.createTenantWithAdmin();
    const invited = [];
    for (let index = 0; index < 3; index += 1) {
      invited.push(await invite(adminToken));
    }

    const response = await harness.request('GET', '/api/v1/users?page=2&limit=2', {
      token: adminToken,
    });

    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(response.body.meta, { page: 2, limit: 2, total: 4 });
    assert.deepEqual(
      response.body.data.map((user: { id: string }) => user.id),
      [invited[1]!.id, invited[2]!.id],
    );
  });

  it('PATCH changes name, role and branches', async () => {
    const { tenantId, adminToken, defaultBranchId } = await harness.createTenantWithAdmin();
    const user = await invite(adminToken);

    const response = await harness.request('PATCH', `/api/v1/users/${user.id}`, {
      token: adminToken,
      body: { fullName: 'Yeni Ad', role: 'ADMIN', branchIds: [defaultBranchId] },
    });

    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.fullName, 'Yeni Ad');
    assert.equal(response.body.role, 'ADMIN');
    assert.deepEqual(response.body.branchIds, [defaultBranchId]);
    assert.equal(response.body.email, user.email, 'the email is not editable');
    const events = await eventsOf(tenantId, 'identity.user.updated');
    assert.deepEqual(events, [
      { userId: user.id, role: 'ADMIN', status: 'INVITED', branchIds: [defaultBranchId] },
    ]);
  });

  it('PATCH rejects email and status', async () => {
    const { adminToken } = await harness.createTenantWithAdmin();
    const user = await invite(adminToken);

    const response = await harness.request('PATCH', `/api/v1/users/${user.id}`, {
      token: adminToken,
      body: { email: newEmail(), status: 'ACTIVE' },
    });

    assert.equal(response.status, 400, JSON.stringify(response.body));
    assert.equal(response.body.code, 'VALIDATION_FAILED');
  });

  it('PATCH rejects an archived branch', async () => {
    const { adminToken } = await harness.createTenantWithAdmin();
    const user = await invite(adminToken);
    const archivedId = await createBranch(adminToken, 'Kapalı');
    await harness.request('POST', `/api/v1/branches/${archivedId}/archive`, { token: adminToken });

    const response = await harness.request('PATCH', `/api/v1/users/${user.id}`, {
      token: adminToken,
      body: { branchIds: [archivedId] },
    });

    assert.equal(response.status, 400, JSON.stringify(response.body));
    assert.equal(response.body.code, 'UNKNOWN_BRANCH');
  });

  it('PATCH refuses to demote the last active admin', async () => {
    const { adminToken, adminUserId } = await harness.createTenantWithAdmin();
    await invite(adminToken, { role: 'ADMIN' });

    const response = await harness.request('PATCH', `/api/v1/users/${adminUserId}`, {
      token: adminToken,
      body: { role: 'STAFF' },
    });

    assert.equal(response.status, 409, JSON.stringify(response.body));
    assert.equal(response.body.code, 'LAST_ADMIN', 'an invited admin does not count as active');
  });

  it('PATCH demotes an admin when another is active', async () => {
    const { tenantId, adminToken, adminUserId } = await harness.createTenantWithAdmin();
    await harness.createUser(tenantId, 'ADMIN');

    const response = await harness.request('PATCH', `/api/v1/users/${adminUserId}`, {
      token: adminToken,
      body: { role: 'STAFF' },
    });

    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.role, 'STAFF');
  });

  it('disable revokes the user sessions', async () => {
    const { tenantId, adminToken } = await harness.createTenantWithAdmin();
    const user = await inviteAndAccept(adminToken, 'STAFF');

    const response = await harness.request('POST', `/api/v1/users/${user.id}/disable`, {
      token: adminToken,
    });

    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.status, 'DISABLED');
    const refresh = await harness.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: user.refreshToken },
    });
    assert.equal(refresh.status, 401, 'the refresh token no longer works');
    const [{ active }] = await harness.dataSource.query(
      'SELECT count(*)::int AS active FROM identity.refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL',
      [user.id],
    );
    assert.equal(active, 0);
    const events = await eventsOf(tenantId, 'identity.user.disabled');
    assert.deepEqual(events, [
      { userId: user.id, role: 'STAFF', status: 'DISABLED', branchIds: [] },
    ]);
  });

  it('disable twice changes nothing', async () => {
    const { tenantId, adminToken } = await harness.createTenantWithAdmin();
    const staff = await harness.createUser(tenantId, 'STAFF');

    const first = await harness.request('POST', `/api/v1/users/${staff.userId}/disable`, {
      token: adminToken,
    });
    const second = await harness.request('POST', `/api/v1/users/${staff.userId}/disable`, {
      token: adminToken,
    });

    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.equal(second.body.status, 'DISABLED');
    assert.equal((await eventsOf(tenantId, 'identity.user.disabled')).length, 1);
  });

  it('disable refuses the last active admin', async () => {
    const { adminToken, adminUserId } = await harness.createTenantWithAdmin();

    const response = await harness.request('POST', `/api/v1/users/${adminUserId}/disable`, {
      token: adminToken,
    });

    assert.equal(response.status, 409, JSON.stringify(response.body));
    assert.equal(response.body.code, 'LAST_ADMIN');
  });

  it('disable keeps one admin when two race', async () => {
    const { tenantId, adminToken, adminUserId } = await harness.createTenantWithAdmin();
    const other = await harness.createUser(tenantId, 'ADMIN');

    const responses = await Promise.all([
      harness.request('POST', `/api/v1/users/${other.userId}/disable`, { token: adminToken }),
      harness.request('POST', `/api/v1/users/${adminUserId}/disable`, { token: other.token }),
    ]);

    assert.deepEqual(responses.map((response) => response.status).sort(), [200, 409]);
    const [{ admins }] = await harness.dataSource.query(
      "SELECT count(*)::int AS admins FROM identity.users WHERE tenant_id = $1 AND role = 'ADMIN' AND status = 'ACTIVE'",
      [tenantId],
    );
    assert.equal(admins, 1);
  });

  it('disabled invitee cannot accept', async () => {
    const { adminToken } = await harness.createTenantWithAdmin();
    const mailsBefore = harness.smtp.mails.length;
    const user = await invite(adminToken);
    const code = extractCode(await harness.smtp.waitForMail(user.email, { after: mailsBefore }));

    await harness.request('POST', `/api/v1/users/${user.id}/disable`, { token: adminToken });
    const accepted = await harness.request('POST', '/api/v1/auth/invitations/accept', {
      body: { email: user.email, code, password: strongPassword },
    });

    assert.equal(accepted.status, 400, JSON.stringify(accepted.body));
  });

  it('resend-invitation mails a new code', async () => {
    const { adminToken } = await harness.createTenantWithAdmin();
    const firstMails = harness.smtp.mails.length;
    const user = await invite(adminToken);
    const firstCode = extractCode(
      await harness.smtp.waitForMail(user.email, { after: firstMails }),
    );
    const secondMails = harness.smtp.mails.length;

    const response = await harness.request('POST', `/api/v1/users/${user.id}/resend-invitation`, {
      token: adminToken,
    });

    assert.equal(response.status, 202, JSON.stringify(response.body));
    const secondCode = extractCode(
      await harness.smtp.waitForMail(user.email, { after: secondMails }),
    );
    assert.match(secondCode, /^\d{6}$/);
    if (firstCode !== secondCode) {
      const withOldCode = await harness.request('POST', '/api/v1/auth/invitations/accept', {
        body: { email: user.email, code: firstCode, password: strongPassword },
      });
      assert.equal(withOldCode.status, 400, 'the first code was replaced');
    }
    const accepted = await harness.request('POST', '/api/v1/auth/invitations/accept', {
      body: { email: user.email, code: secondCode, password: strongPassword },
    });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  });

  it('resend-invitation refuses an active user', async () => {
    const { tenantId, adminToken } = await harness.createTenantWithAdmin();
    const staff = await harness.createUser(tenantId, 'STAFF');

    const response = await harness.request(
      'POST',
      `/api/v1/users/${staff.userId}/resend-invitation`,
      {
        token: adminToken,
      },
    );

    assert.equal(response.status, 409, JSON.stringify(response.body));
    assert.equal(response.body.code, 'USER_NOT_INVITED');
  });

  for (const [label, id] of [
    ['malformed id', '12345'],
    ['unknown id', randomUUID()],
  ] as const) {
    it(`disable answers 404 for ${label}`, async () => {
      const { adminToken } = await harness.createTenantWithAdmin();

      const response = await harness.request('POST', `/api/v1/users/${id}/disable`, {
        token: adminToken,
      });

      assert.equal(response.status, 404, JSON.stringify(response.body));
      assert.equal(response.body.code, 'NOT_FOUND');
    });
  }
});
