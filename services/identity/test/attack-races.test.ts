import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { extractCode } from '@gym/testing';
import {
  startIdentity,
  type HttpResult,
  type IdentityHarness,
} from './support/identity-harness.js';
import { newEmail, signUp, strongPassword } from './support/signup-flow.js';

/** Counts responses by "status code", e.g. { "201 ": 1, "409 BRANCH_NAME_TAKEN": 1 }. */
function tally(responses: HttpResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const response of responses) {
    const key = `${response.status} ${response.body?.code ?? ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

function countOf(responses: HttpResult[], status: number): number {
  return responses.filter((response) => response.status === status).length;
}

describe('concurrent requests', () => {
  let harness: IdentityHarness;

  before(async () => {
    harness = await startIdentity();
  });
  after(async () => {
    await harness?.close();
  });

  it('refresh token used ten times at once', async () => {
    const owner = await signUp(harness);

    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        harness.request('POST', '/api/v1/auth/refresh', {
          body: { refreshToken: owner.refreshToken },
        }),
      ),
    );

    assert.ok(countOf(responses, 200) <= 1, JSON.stringify(tally(responses)));
    assert.equal(countOf(responses, 401), responses.length - countOf(responses, 200));
    const winner = responses.find((response) => response.status === 200);
    if (winner) {
      const next = await harness.request('POST', '/api/v1/auth/refresh', {
        body: { refreshToken: winner.body.refreshToken },
      });
      assert.equal(next.status, 401, 'reuse revoked the whole family, the new token included');
    }
  });

  it('signup code verified eight times at once', async () => {
    const email = newEmail();
    const mailsBefore = harness.smtp.mails.length;
    await harness.request('POST', '/api/v1/auth/signup/start', {
      body: { email, password: strongPassword, fullName: 'Ayşe Yılmaz', gymName: 'Çınar' },
    });
    const code = extractCode(await harness.smtp.waitForMail(email, { after: mailsBefore }));

    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        harness.request('POST', '/api/v1/auth/signup/verify', { body: { email, code } }),
      ),
    );

    assert.equal(countOf(responses, 201), 1, JSON.stringify(tally(responses)));
    const rows: { tenants: number }[] = await harness.dataSource.query(
      'SELECT count(DISTINCT tenant_id)::int AS tenants FROM identity.users WHERE email = $1',
      [email],
    );
    assert.equal(rows[0]!.tenants, 1);
  });

  it('invitation accepted six times at once', async () => {
    const owner = await signUp(harness);
    const email = newEmail('staff');
    const mailsBefore = harness.smtp.mails.length;
    const invited = await harness.request('POST', '/api/v1/users', {
      token: owner.accessToken,
      body: { email, fullName: 'Can Demir', role: 'STAFF' },
    });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    const code = extractCode(await harness.smtp.waitForMail(email, { after: mailsBefore }));

    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        harness.request('POST', '/api/v1/auth/invitations/accept', {
          body: { email, code, password: `${strongPassword}${index}` },
        }),
      ),
    );

    assert.equal(countOf(responses, 200), 1, JSON.stringify(tally(responses)));
    const sessions: { families: number }[] = await harness.dataSource.query(
      'SELECT count(DISTINCT family_id)::int AS families FROM identity.refresh_tokens WHERE user_id = $1',
      [invited.body.id],
    );
    assert.equal(sessions[0]!.families, 1);
  });

  it('branch names differing only in case', async () => {
    const { adminToken } = await harness.createTenantWithAdmin();
    const pairs = [
      ['Şişli', 'ŞİŞLİ'],
      ['İSTANBUL', 'istanbul'],
      ['Ünye', 'ünye'],
    ];

    for (const names of pairs) {
      const responses = await Promise.all(
        names.map((name) =>
          harness.request('POST', '/api/v1/branches', { token: adminToken, body: { name } }),
        ),
      );
      assert.deepEqual(
        tally(responses),
        { '201 ': 1, '409 BRANCH_NAME_TAKEN': 1 },
        names.join(' / '),
      );
    }

    const defaults = await Promise.all(
      ['Merkez', 'MERKEZ', ' merkez '].map((name) =>
        harness.request('POST', '/api/v1/branches', { token: adminToken, body: { name } }),
      ),
    );
    assert.deepEqual(
      tally(defaults),
      { '409 BRANCH_NAME_TAKEN': 3 },
      'the default branch holds the name',
    );
  });

  it('set-default on every branch at once', async () => {
    const { tenantId, adminToken } = await harness.createTenantWithAdmin();
    for (const name of ['Moda', 'Bostancı', 'Suadiye', 'Göztepe']) {
      const created = await harness.request('POST', '/api/v1/branches', {
        token: adminToken,
        body: { name },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
    }
    const list = await harness.request('GET', '/api/v1/branches', { token: adminToken });
    const ids: string[] = list.body.data.map((branch: { id: string }) => branch.id);

    const responses = await Promise.all(
      ids.map((id) =>
        harness.request('POST', `/api/v1/branches/${id}/set-default`, { token: adminToken }),
      ),
    );

    assert.equal(countOf(responses, 200), ids.length, JSON.stringify(tally(responses)));
    const rows: { defaults: number }[] = await harness.dataSource.query(
      'SELECT count(*)::int AS defaults FROM identity.branches WHERE tenant_id = $1 AND is_default',
      [tenantId],
    );
    assert.equal(rows[0]!.defaults, 1);
  });
});
