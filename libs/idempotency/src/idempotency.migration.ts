import { IdempotencyKey } from './idempotency-key.entity.js';

/** Entity classes to add to a service's DataSource `entities`. */
export const idempotencyEntities = [IdempotencyKey];

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Returns the SQL that creates and drops the idempotency key table in `schema`, for a service to
 * run inside its own migration. The schema must exist already. Every statement can run twice.
 */
export function idempotencyMigrationSql(schema: string): { up: string[]; down: string[] } {
  if (!schema)
    throw new Error('Missing schema for the idempotency table: pass the schema of the service');

  const table = `${quoteIdentifier(schema)}."idempotency_key"`;
  return {
    up: [
      `CREATE TABLE IF NOT EXISTS ${table} (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "tenant_id" varchar(100) NOT NULL,
        "user_id" varchar(100) NOT NULL,
        "key" varchar(255) NOT NULL,
        "fingerprint" char(64) NOT NULL,
        "state" varchar(20) NOT NULL CHECK ("state" IN ('IN_PROGRESS', 'COMPLETED')),
        "response_status" integer,
        "response_body" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "locked_until" timestamptz NOT NULL,
        "expires_at" timestamptz NOT NULL,
        CONSTRAINT "idempotency_key_scope_key" UNIQUE ("tenant_id", "user_id", "key")
      )`,
      `CREATE INDEX IF NOT EXISTS "idempotency_key_expires_at_idx" ON ${table} ("expires_at")`,
    ],
    down: [`DROP TABLE IF EXISTS ${table}`],
  };
}
