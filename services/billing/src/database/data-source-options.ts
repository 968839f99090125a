import type { DataSourceOptions } from 'typeorm';
import { idempotencyEntities } from '@gym/idempotency';
import { messagingEntities } from '@gym/messaging';
import type { DatabaseConfig } from '../config.js';
import { RevenueMonthLock } from '../month-locks/revenue-month-lock.entity.js';
import { Payment } from '../payments/payment.entity.js';
import { MemberReplica } from '../replicas/member-replica.entity.js';
import { TenantReplica } from '../replicas/tenant-replica.entity.js';
import { Subscription } from '../subscription/subscription.entity.js';
import { InitialSchema1767000000000 } from './migrations/1767000000000-initial-schema.js';
import { BILLING_SCHEMA } from './schema.js';

export const billingEntities = [
  TenantReplica,
  MemberReplica,
  Payment,
  RevenueMonthLock,
  Subscription,
];
export const billingMigrations = [InitialSchema1767000000000];

/** TypeORM settings of billing: its own schema, pool size and timeouts from the environment. */
export function billingDataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    schema: BILLING_SCHEMA,
    entities: [...billingEntities, ...idempotencyEntities, ...messagingEntities],
    migrations: billingMigrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: {
      application_name: 'billing',
      max: config.DATABASE_POOL_MAX,
      connectionTimeoutMillis: config.DATABASE_CONNECTION_TIMEOUT_MS,
      idleTimeoutMillis: config.DATABASE_IDLE_TIMEOUT_MS,
      statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
    },
  };
}
