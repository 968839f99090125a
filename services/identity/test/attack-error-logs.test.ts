import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { QueryFailedError } from 'typeorm';
import { redactedPaths } from '@gym/logging';
import { startIdentity, type IdentityHarness } from './support/identity-harness.js';
import { User } from '../src/users/user.entity.js';

describe('database errors in logs', () => {
  let harness: IdentityHarness;

  before(async () => {
    harness = await startIdentity();
  });
  after(async () => {
    await harness?.close();
  });

  it('omit query parameters and row details', async () => {
    const { tenantId, adminUserId } = await harness.createTenantWithAdmin();
    const users = harness.dataSource.getRepository(User);
    const { email } = await users.findOneByOrFail({ id: adminUserId });
    const passwordHash = '$argon2id$v=19$m=65536,t=3,p=4$c2VjcmV0LXNhbHQ$c2VjcmV0LWhhc2g';

    const error = await users
      .insert({ tenantId, email, fullName: 'Kopya', passwordHash, role: 'STAFF', status: 'ACTIVE' })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    assert.ok(
      error instanceof QueryFailedError,
      `expected a unique violation, got ${String(error)}`,
    );

    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(String(chunk));
        callback();
      },
    });
    const logger = pino({ redact: { paths: redactedPaths, censor: '[redacted]' } }, sink);
    logger.error({ err: error, path: '/api/v1/users' }, 'Unhandled error while serving request');

    const line = lines.join('');
    assert.match(line, /QueryFailedError/, 'the error type is still logged');
    assert.match(line, /users_email_key/, 'the constraint name is still logged');
    assert.ok(!line.includes(passwordHash), `the password hash is logged: ${line}`);
    assert.ok(!line.includes(email), `the email is logged: ${line}`);
  });
});
