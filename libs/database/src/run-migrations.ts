import { DataSource, type DataSourceOptions, type QueryRunner } from 'typeorm';
import type { Logger } from 'pino';

/** Arbitrary constant naming the advisory lock that serialises migration runs of this schema. */
const MIGRATION_LOCK_NAMESPACE = 7_340_001;

async function createExtensions(runner: QueryRunner, extensions: string[]): Promise<void> {
  await runner.query('SELECT pg_advisory_lock($1, hashtext($2))', [
    MIGRATION_LOCK_NAMESPACE,
    'extensions',
  ]);
  try {
    for (const extension of extensions) {
      await runner.query(`CREATE EXTENSION IF NOT EXISTS ${extension}`);
    }
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [
      MIGRATION_LOCK_NAMESPACE,
      'extensions',
    ]);
  }
}

/**
 * Creates the schema and the PostgreSQL extensions if needed, then applies pending migrations in
 * one transaction. A session-level advisory lock keyed by the schema makes concurrent runs (two
 * pods starting at once) wait for each other, so the second run finds nothing left to do.
 * Extensions belong to the whole database, so their creation takes a lock shared by every schema.
 */
export async function runMigrations(
  options: DataSourceOptions,
  schema: string,
  logger: Logger,
  extensions: string[] = ['pgcrypto'],
): Promise<string[]> {
  const dataSource = new DataSource({
    ...options,
    extra: { ...(options.extra as object), max: 2 },
  });
  await dataSource.initialize();
  const lockRunner = dataSource.createQueryRunner();

  try {
    await lockRunner.connect();
    await lockRunner.query('SELECT pg_advisory_lock($1, hashtext($2))', [
      MIGRATION_LOCK_NAMESPACE,
      schema,
    ]);
    await lockRunner.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await createExtensions(lockRunner, extensions);

    const applied = await dataSource.runMigrations({ transaction: 'all' });
    const names = applied.map((migration) => migration.name);
    logger.info(
      { schema, applied: names },
      names.length ? 'Migrations applied' : 'Schema is up to date',
    );
    return names;
  } finally {
    await lockRunner
      .query('SELECT pg_advisory_unlock($1, hashtext($2))', [MIGRATION_LOCK_NAMESPACE, schema])
      .catch(() => undefined);
    await lockRunner.release();
    await dataSource.destroy();
  }
}
