import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import argon2 from 'argon2';
import { startIdentity, type IdentityHarness } from './support/identity-harness.js';
import { strongPassword } from './support/signup-flow.js';
import { User } from '../src/users/user.entity.js';

const FAILURES_PER_EMAIL = 3;

describe('login limit under concurrency', () => {
  let harness: IdentityHarness;

  before(async () => {
    harness = await startIdentity({ LOGIN_FAILURES_PER_EMAIL: String(FAILURES_PER_EMAIL) });
  });
  after(async () => {
    await harness?.close();
  });

  it('blocks a guess sent while others are checked', async () => {
    const { tenantId } = await harness.createTenantWithAdmin();
    const { userId } = await harness.createUser(tenantId, 'STAFF');
    // A slow hash (1-2 s per check on a 2-core machine) keeps the wrong guesses in flight while
    // the right one arrives.
    const passwordHash = await argon2.hash(strongPassword, {
      type: argon2.argon2id,
      memoryCost: 8_192,
      timeCost: 300,
    });
    await harness.dataSource.getRepository(User).update({ id: userId }, { passwordHash });
    const { email } = await harness.dataSource.getRepository(User).findOneByOrFail({ id: userId });

    const wrongGuesses = Array.from({ length: FAILURES_PER_EMAIL }, (_, index) =>
      harness.request('POST', '/api/v1/auth/login', {
        body: { email, password: `Wrong-Guess-${index}!` },
      }),
    );
    await sleep(500);
    const rightGuess = await harness.request('POST', '/api/v1/auth/login', {
      body: { email, password: strongPassword },
    });
    const wrongResults = await Promise.all(wrongGuesses);

    assert.deepEqual(
      wrongResults.map((response) => response.status),
      Array(FAILURES_PER_EMAIL).fill(401),
    );
    assert.equal(
      rightGuess.status,
      429,
      `guess past the limit: ${JSON.stringify(rightGuess.body)}`,
    );
    assert.equal(rightGuess.body.code, 'RATE_LIMITED');
    assert.ok(Number(rightGuess.headers.get('retry-after')) > 0, 'Retry-After is set');
  });

  it('resets the count after a successful login', async () => {
    const { tenantId } = await harness.createTenantWithAdmin();
    const { userId } = await harness.createUser(tenantId, 'STAFF');
    const passwordHash = await argon2.hash(strongPassword, { type: argon2.argon2id });
    await harness.dataSource.getRepository(User).update({ id: userId }, { passwordHash });
    const { email } = await harness.dataSource.getRepository(User).findOneByOrFail({ id: userId });

    const statuses: number[] = [];
    for (const password of ['Wrong-Guess-1!', 'Wrong-Guess-2!', strongPassword, 'Wrong-Guess-3!']) {
      const response = await harness.request('POST', '/api/v1/auth/login', {
        body: { email, password },
      });
      statuses.push(response.status);
    }
    for (const password of ['Wrong-Guess-4!', strongPassword]) {
      const response = await harness.request('POST', '/api/v1/auth/login', {
        body: { email, password },
      });
      statuses.push(response.status);
    }

    assert.deepEqual(statuses, [401, 401, 200, 401, 401, 200]);
  });
});
