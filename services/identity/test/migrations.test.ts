import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { createTestDatabase } from '@gym/testing';
import {
  identityDataSourceOptions,
  identityMigrations,
} from '../src/database/data-source-options.js';
import { runMigrations } from '@gym/database';
import { IDENTITY_SCHEMA } from '../src/database/schema.js';

describe('identity migrations', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const logger = pino({ level: 'silent' });

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.drop();
  });

  it('apply once when two processes run them at once', async () => {
    const options = identityDataSourceOptions({
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
      DATABASE_POOL_MAX: 2,
      DATABASE_CONNECTION_TIMEOUT_MS: 5_000,
      DATABASE_STATEMENT_TIMEOUT_MS: 15_000,
      DATABASE_IDLE_TIMEOUT_MS: 30_000,
    });

    const runs = await Promise.all([
      runMigrations(options, IDENTITY_SCHEMA, logger),
      runMigrations(options, IDENTITY_SCHEMA, logger),
    ]);

    const applied = runs.flat();
    assert.deepEqual(
      applied,
      identityMigrations.map((migration) => new migration().name),
      'exactly one run applies each migration',
    );
    assert.deepEqual(
      await runMigrations(options, IDENTITY_SCHEMA, logger),
      [],
      'a later run has nothing to do',
    );
  });
});
