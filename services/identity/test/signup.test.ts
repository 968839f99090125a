import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bindEventQueue } from '@gym/testing';
import { startIdentity, type IdentityHarness } from './support/identity-harness.js';
import { newEmail, signUp, strongPassword } from './support/signup-flow.js';

describe('tenant signup', () => {
  let harness: IdentityHarness;

  before(async () => {
    harness = await startIdentity();
  });
  after(async () => {
    await harness?.close();
  });

  it('creates tenant, default branch and admin, and publishes tenant.created once', async () => {
    const queue = await bindEventQueue(harness.env, 'identity.tenant.created');
    try {
      const result = await signUp(harness);

      assert.equal(result.user.role, 'ADMIN');
      assert.equal(result.tenant.timezone, 'Europe/Istanbul');
      assert.equal(result.tenant.locale, 'tr');
      assert.equal(result.tenant.currency, 'TRY');
      assert.ok(result.accessToken.split('.').length === 3, 'access token is a JWS');
      assert.equal(result.expiresIn, 900);

      const rows = await harness.dataSource.query(
        `SELECT t.id, b.is_default, u.role FROM identity.tenants t
           JOIN identity.branches b ON b.tenant_id = t.id
           JOIN identity.users u ON u.tenant_id = t.id
          WHERE t.id = $1`,
        [result.tenant.id],
      );
      assert.equal(rows.length, 1, 'one default branch and one user exist for the new tenant');
      assert.equal(rows[0].is_default, true);
      assert.equal(rows[0].role, 'ADMIN');

      const events = await queue.collect(1, { settleMs: 1_500 });
      const created = events.filter((event) => event.data.tenantId === result.tenant.id);
      assert.equal(created.length, 1, 'identity.tenant.created arrives exactly once');
      assert.equal(created[0]!.tenantId, result.tenant.id);

      const me = await harness.request('GET', '/api/v1/auth/me', { token: result.accessToken });
      assert.equal(me.status, 200);
      assert.equal(me.body.user.email, result.email);
      assert.equal(me.body.tenant.subscriptionStatus, 'TRIAL');
    } finally {
      await queue.close();
    }
  });

  it('answers signup start the same for a registered email and sends no code', async () => {
    const existing = await signUp(harness);
    const before = harness.smtp.mails.length;

    const again = await harness.request('POST', '/api/v1/auth/signup/start', {
      body: {
        email: existing.email,
        password: strongPassword,
        fullName: 'Başka Biri',
        gymName: 'Başka Salon',
      },
    });
    const fresh = await harness.request('POST', '/api/v1/auth/signup/start', {
      body: {
        email: newEmail(),
        password: strongPassword,
        fullName: 'Yeni Biri',
        gymName: 'Yeni Salon',
      },
    });

    assert.equal(again.status, 202);
    assert.equal(fresh.status, 202);
    assert.deepEqual(again.body, fresh.body);
    const notice = await harness.smtp.waitForMail(existing.email, { after: before });
    assert.doesNotMatch(notice.text, /\b\d{6}\b/, 'a registered email gets a notice, not a code');
  });

  it('rejects a weak or common password with WEAK_PASSWORD field errors', async () => {
    for (const password of ['short1!A', 'alllowercase1!', 'Password123!', 'NoDigitsHere!!']) {
      const response = await harness.request('POST', '/api/v1/auth/signup/start', {
        body: { email: newEmail(), password, fullName: 'Ali Veli', gymName: 'Salon' },
      });
      assert.equal(response.status, 400, `password ${password} must be rejected`);
      assert.equal(response.body.code, 'VALIDATION_FAILED');
      assert.equal(response.body.errors[0].field, 'password');
      assert.equal(response.body.errors[0].code, 'isStrongPassword');
    }
  });
});
