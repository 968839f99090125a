import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import argon2 from 'argon2';
import type { QueryRunner } from 'typeorm';
import { extractCode } from '@gym/testing';
import { SessionService } from '../src/auth/session.service.js';
import { User } from '../src/users/user.entity.js';
import { startIdentity, type IdentityHarness } from './support/identity-harness.js';
import { newEmail, signUp, strongPassword } from './support/signup-flow.js';

describe('revocation racing a session start', () => {
  let harness: IdentityHarness;

  before(async () => {
    harness = await startIdentity();
  });
  after(async () => {
    await harness?.close();
  });

  /** Waits until a statement starting with `statementStart` (any when omitted) waits for a lock. */
  async function waitForLockWait(statementStart = ''): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const rows: { waiting: number }[] = await harness.dataSource.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`,
        [`${statementStart}%`],
      );
      if (rows[0]!.waiting > 0) return;
      await sleep(25);
    }
    assert.fail(`no statement "${statementStart}..." started waiting for a lock within 5 s`);
  }

  /** Opens a transaction that locks the user's row FOR UPDATE, as a disable or reset does. */
  async function lockUserRow(userId: string): Promise<QueryRunner> {
    const runner = harness.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query('SELECT id FROM identity.users WHERE id = $1 FOR UPDATE', [userId]);
    return runner;
  }

  async function commit(runner: QueryRunner): Promise<void> {
    await runner.commitTransaction();
    await runner.release();
  }

  it('revokes the token a concurrent refresh issued', async () => {
    const owner = await signUp(harness);
    const sessions = harness.app.get(SessionService);

    // The refresh stops at the insert of its new token, whose foreign key needs a share lock on
    // the held user row, while it still holds the old token's row lock.
    const userLock = await lockUserRow(owner.user.id);
    let revoke: Promise<void> | undefined;
    const refresh = harness.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: owner.refreshToken },
    });
    try {
      await waitForLockWait('INSERT INTO "identity"."refresh_tokens"');
      // A password reset revoking every session now waits for the old token's row.
      revoke = harness.dataSource.transaction((manager) =>
        sessions.revokeAllForUser(manager, owner.user.id, 'PASSWORD_RESET'),
      );
      await waitForLockWait('UPDATE "identity"."refresh_tokens"');
    } finally {
      await commit(userLock);
    }

    const refreshed = await refresh;
    await revoke;
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));

    const reuse = await harness.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: refreshed.body.refreshToken },
    });
    assert.equal(reuse.status, 401, `the revoked session lives on: ${JSON.stringify(reuse.body)}`);
    assert.equal(reuse.body.code, 'REFRESH_TOKEN_INVALID');
  });

  it('ends a login checked against a replaced password', async () => {
    const owner = await signUp(harness);
    const sessions = harness.app.get(SessionService);

    // The login has checked the old password and now waits for the held user row.
    const userLock = await lockUserRow(owner.user.id);
    const login = harness.request('POST', '/api/v1/auth/login', {
      body: { email: owner.email, password: owner.password },
    });
    try {
      await waitForLockWait();
      // The same writes as a completed password reset, committed before the login goes on.
      const newHash = await argon2.hash('Yeni-Parola-55!', { type: argon2.argon2id });
      await userLock.manager.update(User, { id: owner.user.id }, { passwordHash: newHash });
      await sessions.revokeAllForUser(userLock.manager, owner.user.id, 'PASSWORD_RESET');
    } finally {
      await commit(userLock);
    }

    const response = await login;
    if (response.status === 200) {
      const refresh = await harness.request('POST', '/api/v1/auth/refresh', {
        body: { refreshToken: response.body.refreshToken },
      });
      assert.equal(refresh.status, 401, 'a session started with the old password survives');
    } else {
      assert.equal(response.status, 401, JSON.stringify(response.body));
      assert.equal(response.body.code, 'INVALID_CREDENTIALS');
    }
  });

  it('keeps a user disabled during invitation acceptance', async () => {
    const owner = await signUp(harness);
    const email = newEmail('staff');
    const mailsBefore = harness.smtp.mails.length;
    const invited = await harness.request('POST', '/api/v1/users', {
      token: owner.accessToken,
      body: { email, fullName: 'Deniz Ak', role: 'STAFF' },
    });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    const code = extractCode(await harness.smtp.waitForMail(email, { after: mailsBefore }));

    // The acceptance waits for the held user row; meanwhile an ADMIN disables the user.
    const userLock = await lockUserRow(invited.body.id);
    const accept = harness.request('POST', '/api/v1/auth/invitations/accept', {
      body: { email, code, password: strongPassword },
    });
    try {
      await waitForLockWait();
      await userLock.manager.update(User, { id: invited.body.id }, { status: 'DISABLED' });
    } finally {
      await commit(userLock);
    }

    const response = await accept;
    const user = await harness.dataSource
      .getRepository(User)
      .findOneByOrFail({ id: invited.body.id });
    assert.equal(user.status, 'DISABLED', `acceptance answered ${response.status}`);
    assert.equal(response.status, 400, JSON.stringify(response.body));
    assert.equal(response.body.code, 'CODE_INVALID');
  });
});
