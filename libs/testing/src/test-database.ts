import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** Connection URL of the new database, with the credentials of TEST_DATABASE_URL. */
  url: string;
  name: string;
  /** Terminates the connections to the database and drops it; a second call does nothing. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database `t_<random>` on the PostgreSQL server of `serverUrl`, by default
 * TEST_DATABASE_URL.
 */
export async function createTestDatabase(
  serverUrl: string = readTestDatabaseUrl(),
): Promise<TestDatabase> {
  const name = `t_${randomBytes(8).toString('hex')}`;

  await withClient(serverUrl, (client) =>
    client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`),
  );

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped = false;

  return {
    url: url.toString(),
    name,
    drop: async () => {
      if (dropped) {
        return;
      }
      // WITH (FORCE) terminates the open connections first (PostgreSQL 13 and later).
      await withClient(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
      );
      dropped = true;
    },
  };
}

function readTestDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL is not set: set it to a PostgreSQL URL whose user may create databases ' +
        '(scripts/test.mjs loads it from test.env)',
    );
  }
  return url;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
