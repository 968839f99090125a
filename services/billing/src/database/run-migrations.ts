import { DataSource, type DataSourceOptions } from 'typeorm';
import type { Logger } from 'pino';

/** Arbitrary constant naming the advisory lock that serialises migration runs of this schema. */
const MIGRATION_LOCK_NAMESPACE = 7_340_003;

/**
 * Creates the schema if needed and applies pending migrations in one transaction. A session-level
 * advisory lock keyed by the schema makes concurrent runs (two pods starting at once) wait for
 * each other, so the second run finds nothing left to do.
 */
export async function runMigrations(
  options: DataSourceOptions,
  schema: string,
  logger: Logger,
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
    await lockRunner.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');

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
