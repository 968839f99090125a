import type { MigrationInterface, QueryRunner } from 'typeorm';
import { idempotencyMigrationSql } from '@gym/idempotency';
import { messagingMigrationSql } from '@gym/messaging';
import { BILLING_SCHEMA } from '../schema.js';

/**
 * Replicas of identity's tenants and membership's members, payments, revenue month locks and
 * their history, tenant subscriptions, idempotency keys, outbox and inbox.
 */
export class InitialSchema1767000000000 implements MigrationInterface {
  name = 'InitialSchema1767000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = BILLING_SCHEMA;

    await queryRunner.query(`
      CREATE TABLE ${s}.tenant_replicas (
        tenant_id uuid PRIMARY KEY,
        name varchar(120) NOT NULL,
        timezone varchar(64) NOT NULL,
        source_occurred_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE ${s}.member_replicas (
        member_id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        branch_id uuid NOT NULL,
        status varchar(20) NOT NULL,
        source_occurred_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX member_replicas_tenant_idx ON ${s}.member_replicas (tenant_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE ${s}.payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        member_id uuid NOT NULL,
        branch_id uuid NOT NULL,
        amount numeric(12,2) NOT NULL CHECK (amount > 0),
        method varchar(20) NOT NULL
          CHECK (method IN ('CASH', 'CREDIT_CARD', 'BANK_TRANSFER', 'OTHER')),
        paid_on date NOT NULL,
        note varchar(500),
        status varchar(20) NOT NULL DEFAULT 'RECORDED' CHECK (status IN ('RECORDED', 'CORRECTED')),
        corrects_payment_id uuid UNIQUE REFERENCES ${s}.payments (id),
        corrected_by_payment_id uuid UNIQUE REFERENCES ${s}.payments (id),
        correction_reason varchar(500),
        recorded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        corrected_at timestamptz,
        CHECK ((status = 'CORRECTED') = (corrected_by_payment_id IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX payments_tenant_paid_on_idx ON ${s}.payments (tenant_id, paid_on DESC, created_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX payments_tenant_member_idx ON ${s}.payments (tenant_id, member_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX payments_tenant_branch_idx ON ${s}.payments (tenant_id, branch_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE ${s}.revenue_month_locks (
        tenant_id uuid NOT NULL,
        month char(7) NOT NULL CHECK (month ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        locked_by uuid NOT NULL,
        locked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, month)
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}.revenue_month_lock_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        month char(7) NOT NULL,
        action varchar(10) NOT NULL CHECK (action IN ('LOCKED', 'UNLOCKED')),
        user_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX revenue_month_lock_history_tenant_idx ON ${s}.revenue_month_lock_history (tenant_id, month, occurred_at)`,
    );

    await queryRunner.query(`
      CREATE TABLE ${s}.subscriptions (
        tenant_id uuid PRIMARY KEY,
        status varchar(20) NOT NULL CHECK (status IN ('TRIAL', 'ACTIVE', 'PAST_DUE', 'SUSPENDED')),
        plan varchar(40) NOT NULL,
        trial_ends_at timestamptz NOT NULL,
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX subscriptions_status_idx ON ${s}.subscriptions (status, trial_ends_at, status_changed_at)`,
    );

    for (const statement of [...idempotencyMigrationSql(s).up, ...messagingMigrationSql(s).up]) {
      await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = BILLING_SCHEMA;
    for (const statement of [
      ...messagingMigrationSql(s).down,
      ...idempotencyMigrationSql(s).down,
    ]) {
      await queryRunner.query(statement);
    }
    for (const table of [
      'subscriptions',
      'revenue_month_lock_history',
      'revenue_month_locks',
      'payments',
      'member_replicas',
      'tenant_replicas',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${s}.${table}`);
    }
  }
}
