import type { DataSourceOptions } from 'typeorm';
import { idempotencyEntities } from '@gym/idempotency';
import { messagingEntities } from '@gym/messaging';
import type { DatabaseConfig } from '../config.js';
import { Product } from '../products/product.entity.js';
import { BranchReplica } from '../replicas/branch-replica.entity.js';
import { MemberReplica } from '../replicas/member-replica.entity.js';
import { TenantReplica } from '../replicas/tenant-replica.entity.js';
import { SaleItem } from '../sales/sale-item.entity.js';
import { Sale } from '../sales/sale.entity.js';
import { InitialSchema1768000000000 } from './migrations/1768000000000-initial-schema.js';
import { CATALOG_SCHEMA } from './schema.js';

export const catalogEntities = [
  TenantReplica,
  BranchReplica,
  MemberReplica,
  Product,
  Sale,
  SaleItem,
];
export const catalogMigrations = [InitialSchema1768000000000];

/** TypeORM settings of catalog: its own schema, pool size and timeouts from the environment. */
export function catalogDataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    schema: CATALOG_SCHEMA,
    entities: [...catalogEntities, ...idempotencyEntities, ...messagingEntities],
    migrations: catalogMigrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: {
      application_name: 'catalog',
      max: config.DATABASE_POOL_MAX,
      connectionTimeoutMillis: config.DATABASE_CONNECTION_TIMEOUT_MS,
      idleTimeoutMillis: config.DATABASE_IDLE_TIMEOUT_MS,
      statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
    },
  };
}
