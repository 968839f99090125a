import type { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingMigrationSql } from '@gym/messaging';
import { IDENTITY_SCHEMA } from '../schema.js';

/** Tenants, branches, users, sessions, email codes, outgoing mails, outbox and inbox. */
export class InitialSchema1765000000000 implements MigrationInterface {
  name = 'InitialSchema1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = IDENTITY_SCHEMA;

    await queryRunner.query(`
      CREATE TABLE ${s}.tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(120) NOT NULL,
        timezone varchar(64) NOT NULL,
        locale varchar(5) NOT NULL,
        currency char(3) NOT NULL,
        subscription_status varchar(16) NOT NULL DEFAULT 'TRIAL',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE ${s}.branches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES ${s}.tenants(id),
        name varchar(120) NOT NULL,
        address varchar(300),
        phone varchar(32),
        is_default boolean NOT NULL DEFAULT false,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Branch names are unique per tenant under Turkish case folding: translate() maps İ, I and ı
    // to i first, because lower() alone turns I into i and keeps ı, so KADIKÖY would differ from Kadıköy.
    await queryRunner.query(
      `CREATE UNIQUE INDEX branches_tenant_name_key ON ${s}.branches (tenant_id, lower(translate(name, 'İIı', 'iii')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX branches_one_default_key ON ${s}.branches (tenant_id) WHERE is_default`,
    );

    await queryRunner.query(`
      CREATE TABLE ${s}.users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES ${s}.tenants(id),
        email varchar(254) NOT NULL,
        full_name varchar(120) NOT NULL,
        password_hash text,
        role varchar(10) NOT NULL CHECK (role IN ('ADMIN', 'STAFF')),
        status varchar(10) NOT NULL CHECK (status IN ('INVITED', 'ACTIVE', 'DISABLED')),
        branch_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX users_email_key ON ${s}.users (lower(email))`);
    await queryRunner.query(`CREATE INDEX users_tenant_idx ON ${s}.users (tenant_id, created_at)`);

    await queryRunner.query(`
      CREATE TABLE ${s}.refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL UNIQUE,
        family_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES ${s}.users(id),
        tenant_id uuid NOT NULL,
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz,
        revoked_at timestamptz,
        revoke_reason varchar(32),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX refresh_tokens_family_idx ON ${s}.refresh_tokens (family_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX refresh_tokens_user_active_idx ON ${s}.refresh_tokens (user_id) WHERE revoked_at IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE ${s}.email_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        purpose varchar(20) NOT NULL,
        email varchar(254) NOT NULL,
        code_hash bytea NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        failed_attempts int NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX email_codes_pending_idx ON ${s}.email_codes (lower(email), purpose, created_at DESC) WHERE consumed_at IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE ${s}.outgoing_mails (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        to_address varchar(254) NOT NULL,
        subject varchar(200) NOT NULL,
        text text,
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        last_error varchar(500),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX outgoing_mails_unsent_idx ON ${s}.outgoing_mails (next_attempt_at) WHERE sent_at IS NULL`,
    );

    for (const statement of messagingMigrationSql(s).up) {
      await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = IDENTITY_SCHEMA;
    for (const statement of messagingMigrationSql(s).down) {
      await queryRunner.query(statement);
    }
    for (const table of [
      'outgoing_mails',
      'email_codes',
      'refresh_tokens',
      'users',
      'branches',
      'tenants',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${s}.${table}`);
    }
  }
}
