import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createLogger } from '@gym/logging';
import { createTestDatabase, type TestDatabase } from '@gym/testing';
import { runMigrations } from '../src/index.js';

/** Fails when applied twice: the table and the column have no IF NOT EXISTS. */
class CreateItems1700000000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE race.items (id uuid PRIMARY KEY DEFAULT gen_random_uuid())');
    // Widens the window in which a second run without the lock would apply it again.
    await runner.query('SELECT pg_sleep(0.2)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE race.items');
  }
}

class AddItemName1700000000002 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE race.items ADD COLUMN name text NOT NULL');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE race.items DROP COLUMN name');
  }
}

describe('runMigrations', () => {
  let database: TestDatabase;
  const logger = createLogger({ serviceName: 'database-test', level: 'silent' });

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.drop();
  });

  it('four runs at once apply each migration once', async () => {
    const options = {
      type: 'postgres' as const,
      url: database.url,
      schema: 'race',
      migrationsTableName: 'migrations',
      migrations: [CreateItems1700000000001, AddItemName1700000000002],
    };

    const applied = await Promise.all(
      Array.from({ length: 4 }, () => runMigrations(options, 'race', logger)),
    );

    assert.deepEqual(
      applied.flat().sort(),
      ['AddItemName1700000000002', 'CreateItems1700000000001'],
      `names applied by each run: ${JSON.stringify(applied)}`,
    );
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        'SELECT name FROM race.migrations ORDER BY timestamp',
      );
      assert.deepEqual(
        rows.map((row) => row.name),
        ['CreateItems1700000000001', 'AddItemName1700000000002'],
      );
    } finally {
      await client.end();
    }
  });
});
