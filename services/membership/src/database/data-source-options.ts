import type { DataSourceOptions } from 'typeorm';
import { messagingEntities } from '@gym/messaging';
import type { DatabaseConfig } from '../config.js';
import { Freeze } from '../freezes/freeze.entity.js';
import { ImportJob } from '../import-export/import-job.entity.js';
import { Member } from '../members/member.entity.js';
import { PlanChange } from '../plan-changes/plan-change.entity.js';
import { Plan } from '../plans/plan.entity.js';
import { BranchReplica } from '../replicas/branch-replica.entity.js';
import { TenantReplica } from '../replicas/tenant-replica.entity.js';
import { InitialSchema1766000000000 } from './migrations/1766000000000-initial-schema.js';
import { MEMBERSHIP_SCHEMA } from './schema.js';

export const membershipEntities = [
  TenantReplica,
  BranchReplica,
  Plan,
  Member,
  Freeze,
  PlanChange,
  ImportJob,
];
export const membershipMigrations = [InitialSchema1766000000000];

/** TypeORM settings of membership: its own schema, pool size and timeouts from the environment. */
export function membershipDataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    schema: MEMBERSHIP_SCHEMA,
    entities: [...membershipEntities, ...messagingEntities],
    migrations: membershipMigrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: {
      application_name: 'membership',
      max: config.DATABASE_POOL_MAX,
      connectionTimeoutMillis: config.DATABASE_CONNECTION_TIMEOUT_MS,
      idleTimeoutMillis: config.DATABASE_IDLE_TIMEOUT_MS,
      statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
    },
  };
}
