import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { extractCode } from '@gym/testing';
import { startIdentity, type IdentityHarness } from './support/identity-harness.js';
import { newEmail, signUp, strongPassword } from './support/signup-flow.js';

describe('login, codes and sessions', () => {
  let harness: IdentityHarness;

  before(async () => {
    harness = await startIdentity();
  });
  after(async () => {
    await harness?.close();
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const owner = await signUp(harness);

    const wrongPassword = await harness.request('POST', '/api/v1/auth/login', {
      body: { email: owner.email, password: 'Wrong-Password-1!' },
    });
    const unknownEmail = await harness.request('POST', '/api/v1/auth/login', {
      body: { email: newEmail('nobody'), password: 'Wrong-Password-1!' },
    });

    assert.equal(wrongPassword.status, 401);
    assert.equal(unknownEmail.status, 401);
    assert.equal(wrongPassword.body.code, 'INVALID_CREDENTIALS');
    assert.equal(unknownEmail.body.code, 'INVALID_CREDENTIALS');
    assert.equal(wrongPassword.body.message, unknownEmail.body.message);

    const login = await harness.request('POST', '/api/v1/auth/login', {
      body: { email: owner.email.toUpperCase(), password: owner.password },
    });
    assert.equal(login.status, 200, 'login is case-insensitive on the email');
    assert.ok(login.body.refreshToken);
  });

  it('locks a code on the sixth try after five wrong ones', async () => {
    const email = newEmail();
    const before = harness.smtp.mails.length;
    await harness.request('POST', '/api/v1/auth/signup/start', {
      body: { email, password: strongPassword, fullName: 'Can Öztürk', gymName: 'Güç Salonu' },
    });
    const code = extractCode(await harness.smtp.waitForMail(email, { after: before }));
    const wrong = code === '000000' ? '111111' : '000000';

    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const response = await harness.request('POST', '/api/v1/auth/signup/verify', {
        body: { email, code: wrong },
      });
      assert.equal(response.body.code, 'CODE_INVALID', `wrong try ${attempt} is CODE_INVALID`);
    }
    const sixth = await harness.request('POST', '/api/v1/auth/signup/verify', {
      body: { email, code },
    });
    assert.equal(sixth.status, 400);
    assert.equal(sixth.body.code, 'CODE_LOCKED', 'even the right code is refused once locked');
  });

  it('refuses an expired code', async () => {
    const email = newEmail();
    const before = harness.smtp.mails.length;
    await harness.request('POST', '/api/v1/auth/signup/start', {
      body: { email, password: strongPassword, fullName: 'Deniz Kaya', gymName: 'Deniz Spor' },
    });
    const code = extractCode(await harness.smtp.waitForMail(email, { after: before }));
    await harness.dataSource.query(
      `UPDATE identity.email_codes SET expires_at = now() - interval '1 second' WHERE email = $1`,
      [email],
    );

    const response = await harness.request('POST', '/api/v1/auth/signup/verify', {
      body: { email, code },
    });
    assert.equal(response.status, 400);
    assert.equal(response.body.code, 'CODE_EXPIRED');
  });

  it('accepts a code once', async () => {
    const owner = await signUp(harness);
    const response = await harness.request('POST', '/api/v1/auth/signup/verify', {
      body: { email: owner.email, code: '123456' },
    });
    assert.equal(response.status, 400);
    assert.equal(response.body.code, 'CODE_INVALID');
  });

  it('rotates refresh tokens and revokes the family when an old one is reused', async () => {
    const owner = await signUp(harness);

    const first = await harness.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: owner.refreshToken },
    });
    assert.equal(first.status, 200);
    assert.notEqual(first.body.refreshToken, owner.refreshToken, 'refresh returns a new token');

    const reuse = await harness.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: owner.refreshToken },
    });
    assert.equal(reuse.status, 401);
    assert.equal(reuse.body.code, 'REFRESH_TOKEN_REUSED');

    const latest = await harness.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    assert.equal(latest.status, 401, 'the newest token of a revoked family stops working too');
    assert.equal(latest.body.code, 'REFRESH_TOKEN_INVALID');
  });

  it('logs out by revoking the session family', async () => {
    const owner = await signUp(harness);
    const logout = await harness.request('POST', '/api/v1/auth/logout', {
      token: owner.accessToken,
      body: { refreshToken: owner.refreshToken },
    });
    assert.equal(logout.status, 204);

    const refresh = await harness.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: owner.refreshToken },
    });
    assert.equal(refresh.status, 401);
  });

  it('revokes every session on password reset', async () => {
    const owner = await signUp(harness);
    const second = await harness.request('POST', '/api/v1/auth/login', {
      body: { email: owner.email, password: owner.password },
    });
    assert.equal(second.status, 200);

    const before = harness.smtp.mails.length;
    const start = await harness.request('POST', '/api/v1/auth/password-reset/start', {
      body: { email: owner.email },
    });
    const unknown = await harness.request('POST', '/api/v1/auth/password-reset/start', {
      body: { email: newEmail() },
    });
    assert.equal(start.status, 202);
    assert.equal(unknown.status, 202);
    assert.deepEqual(start.body, unknown.body, 'unknown emails get the same answer');

    const code = extractCode(await harness.smtp.waitForMail(owner.email, { after: before }));
    const newPassword = 'Yeni-Sifre-2025!q';
    const complete = await harness.request('POST', '/api/v1/auth/password-reset/complete', {
      body: { email: owner.email, code, newPassword },
    });
    assert.equal(complete.status, 204, JSON.stringify(complete.body));

    for (const refreshToken of [owner.refreshToken, second.body.refreshToken]) {
      const refresh = await harness.request('POST', '/api/v1/auth/refresh', {
        body: { refreshToken },
      });
      assert.equal(refresh.status, 401, 'every session family is revoked');
    }
    const oldLogin = await harness.request('POST', '/api/v1/auth/login', {
      body: { email: owner.email, password: owner.password },
    });
    assert.equal(oldLogin.status, 401);
    const newLogin = await harness.request('POST', '/api/v1/auth/login', {
      body: { email: owner.email, password: newPassword },
    });
    assert.equal(newLogin.status, 200);
  });

  it('limits failed logins per email with 429 and Retry-After', async () => {
    const limited = await startIdentity({ LOGIN_FAILURES_PER_EMAIL: '3' });
    try {
      const email = newEmail('limited');
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 4; attempt += 1) {
        const response = await limited.request('POST', '/api/v1/auth/login', {
          body: { email, password: 'Wrong-Password-1!' },
        });
        statuses.push(response.status);
        if (response.status === 429) {
          assert.equal(response.body.code, 'RATE_LIMITED');
          assert.ok(Number(response.headers.get('retry-after')) > 0, 'Retry-After is set');
        }
      }
      assert.deepEqual(statuses, [401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });

  it('changes the password and keeps only the current session', async () => {
    const owner = await signUp(harness);
    const other = await harness.request('POST', '/api/v1/auth/login', {
      body: { email: owner.email, password: owner.password },
    });

    const wrong = await harness.request('POST', '/api/v1/auth/password', {
      token: owner.accessToken,
      body: { currentPassword: 'Not-The-Password-1!', newPassword: 'Baska-Sifre-77!z' },
    });
    assert.equal(wrong.status, 400, 'a wrong current password does not end the session');
    assert.equal(wrong.body.code, 'CURRENT_PASSWORD_INVALID');

    const change = await harness.request('POST', '/api/v1/auth/password', {
      token: owner.accessToken,
      body: { currentPassword: owner.password, newPassword: 'Baska-Sifre-77!z' },
    });
    assert.equal(change.status, 204, JSON.stringify(change.body));

    const current = await harness.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: owner.refreshToken },
    });
    const revoked = await harness.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: other.body.refreshToken },
    });
    assert.equal(current.status, 200, 'the current session stays');
    assert.equal(revoked.status, 401, 'other sessions are revoked');
  });
});
