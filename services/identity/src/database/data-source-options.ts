import type { DataSourceOptions } from 'typeorm';
import { messagingEntities } from '@gym/messaging';
import type { DatabaseConfig } from '../config.js';
import { Branch } from '../branches/branch.entity.js';
import { EmailCode } from '../codes/email-code.entity.js';
import { OutgoingMail } from '../mail/outgoing-mail.entity.js';
import { RefreshToken } from '../auth/refresh-token.entity.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { User } from '../users/user.entity.js';
import { InitialSchema1765000000000 } from './migrations/1765000000000-initial-schema.js';
import { SubscriptionStatusTime1765000000001 } from './migrations/1765000000001-subscription-status-time.js';
import { IDENTITY_SCHEMA } from './schema.js';

export const identityEntities = [Tenant, Branch, User, RefreshToken, EmailCode, OutgoingMail];
export const identityMigrations = [InitialSchema1765000000000, SubscriptionStatusTime1765000000001];

/** TypeORM settings of identity: its own schema, pool size and timeouts from the environment. */
export function identityDataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    schema: IDENTITY_SCHEMA,
    entities: [...identityEntities, ...messagingEntities],
    migrations: identityMigrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: {
      application_name: 'identity',
      max: config.DATABASE_POOL_MAX,
      connectionTimeoutMillis: config.DATABASE_CONNECTION_TIMEOUT_MS,
      idleTimeoutMillis: config.DATABASE_IDLE_TIMEOUT_MS,
      statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS,
    },
  };
}
