import type { DataSourceOptions } from 'typeorm';
import { messagingEntities } from '@gym/messaging';
import type { DatabaseConfig } from '../config.js';
import { InitialSchema1768000000000 } from './migrations/1768000000000-initial-schema.js';
import { REPORTING_SCHEMA } from './schema.js';

export const reportingMigrations = [InitialSchema1768000000000];

/**
 * TypeORM settings of reporting: its own schema, pool size and timeouts from the environment.
 * The read models are written and read with SQL, so only the messaging tables are entities.
 */
export function reportingDataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    schema: REPORTING_SCHEMA,
    entities: [...messagingEntities],
    migrations: reportingMigrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: {
      application_name: 'reporting',
      max: config.DATABASE_POOL_MAX,
      connectionTimeoutMillis: config.DATABASE_CONNECTION_TIMEOUT_MS,
      idleTimeoutMillis: config.DATABASE_IDLE_TIMEOUT_MS,
      statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
    },
  };
}
