import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import { createTestDatabase } from '../src/index.js';

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('createTestDatabase', () => {
  test('creates a usable empty database', async (t) => {
    const database = await createTestDatabase();
    const client = new pg.Client({ connectionString: database.url });
    t.after(async () => {
      await client.end();
      await database.drop();
    });
    await client.connect();

    const current = await client.query<{ name: string }>('SELECT current_database() AS name');
    const tables = await client.query("SELECT 1 FROM pg_tables WHERE schemaname = 'public'");

    assert.match(database.name, /^t_[0-9a-f]{16}$/);
    assert.equal(new URL(database.url).pathname, `/${database.name}`);
    assert.equal(current.rows[0]?.name, database.name);
    assert.equal(tables.rowCount, 0);
  });

  test('creates a new database per call', async (t) => {
    const first = await createTestDatabase();
    t.after(() => first.drop());
    const second = await createTestDatabase();
    t.after(() => second.drop());

    assert.notEqual(first.name, second.name);
  });

  test('drop terminates open connections', async () => {
    const database = await createTestDatabase();
    const client = new pg.Client({ connectionString: database.url });
    client.on('error', () => undefined);
    await client.connect();

    await database.drop();
    const queryAfterDrop = client.query('SELECT 1').then(
      () => 'answered',
      () => 'failed',
    );

    assert.equal(await databaseExists(database.name), false);
    assert.equal(await queryAfterDrop, 'failed', 'the open connection was terminated');
    await client.end().catch(() => undefined);
  });

  test('drop twice is harmless', async () => {
    const database = await createTestDatabase();

    await database.drop();
    await database.drop();

    assert.equal(await databaseExists(database.name), false);
  });

  test('rejects a missing TEST_DATABASE_URL', async (t) => {
    const saved = process.env.TEST_DATABASE_URL;
    delete process.env.TEST_DATABASE_URL;
    t.after(() => {
      process.env.TEST_DATABASE_URL = saved;
    });

    await assert.rejects(createTestDatabase(), /TEST_DATABASE_URL is not set/);
  });
});
