import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { messagingEntities, messagingMigrationSql } from '../../src/index.js';

export interface TestDatabase {
  name: string;
  url: string;
  schema: string;
  dataSource: DataSource;
  /** Opens another DataSource on the same database, as a second service replica would. */
  openDataSource(): Promise<DataSource>;
  drop(): Promise<void>;
}

function requireEnvironment(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `Missing ${name}: run the tests through scripts/test.mjs, which loads test.env`,
    );
  return value;
}

async function runAsAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: requireEnvironment('TEST_DATABASE_URL') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates a database `msg_test_<random>` with the messaging tables in `schema`. */
export async function createTestDatabase(schema = 'svc'): Promise<TestDatabase> {
  const name = `msg_test_${randomBytes(6).toString('hex')}`;
  await runAsAdmin(`CREATE DATABASE ${name}`);

  const url = new URL(requireEnvironment('TEST_DATABASE_URL'));
  url.pathname = `/${name}`;
  const dataSources: DataSource[] = [];

  async function openDataSource(): Promise<DataSource> {
    const dataSource = new DataSource({
      type: 'postgres',
      url: url.toString(),
      schema,
      entities: messagingEntities,
    });
    await dataSource.initialize();
    dataSources.push(dataSource);
    return dataSource;
  }

  const dataSource = await openDataSource();
  await dataSource.query(`CREATE SCHEMA ${schema}`);
  for (const statement of messagingMigrationSql(schema).up) await dataSource.query(statement);

  async function drop(): Promise<void> {
    for (const source of dataSources) {
      if (source.isInitialized) await source.destroy();
    }
    await runAsAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }

  return { name, url: url.toString(), schema, dataSource, openDataSource, drop };
}
