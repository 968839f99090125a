import type { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingMigrationSql } from '@gym/messaging';
import { MEMBERSHIP_SCHEMA } from '../schema.js';

/**
 * Replicas of identity's tenants and branches, plans, members, freezes, plan changes, import
 * jobs, the daily jobs' progress, outbox and inbox.
 */
export class InitialSchema1766000000000 implements MigrationInterface {
  name = 'InitialSchema1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = MEMBERSHIP_SCHEMA;

    await queryRunner.query(`
      CREATE TABLE ${s}.tenant_replicas (
        tenant_id uuid PRIMARY KEY,
        name varchar(120) NOT NULL,
        timezone varchar(64) NOT NULL,
        locale varchar(5) NOT NULL,
        currency char(3) NOT NULL,
        source_occurred_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE ${s}.branch_replicas (
        branch_id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        name varchar(120) NOT NULL,
        is_default boolean NOT NULL DEFAULT false,
        archived_at timestamptz,
        source_occurred_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX branch_replicas_tenant_idx ON ${s}.branch_replicas (tenant_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE ${s}.plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        name varchar(120) NOT NULL,
        scope varchar(10) NOT NULL CHECK (scope IN ('TENANT', 'BRANCH')),
        branch_id uuid,
        duration_value int NOT NULL CHECK (duration_value > 0),
        duration_unit varchar(10) NOT NULL CHECK (duration_unit IN ('DAY', 'MONTH')),
        price numeric(12,2) NOT NULL CHECK (price >= 0),
        session_count int CHECK (session_count > 0),
        description varchar(500),
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((scope = 'BRANCH') = (branch_id IS NOT NULL))
      )`);
    // One name per scope among current plans: TENANT plans share the all-zero branch key. The
    // name is folded like branch names, so KADIN PAKETİ and Kadın Paketi collide.
    await queryRunner.query(
      `CREATE UNIQUE INDEX plans_scope_name_key ON ${s}.plans
         (tenant_id, coalesce(branch_id, '00000000-0000-0000-0000-000000000000'), lower(translate(name, 'İIı', 'iii')))
         WHERE archived_at IS NULL`,
    );

    await this.createMembers(queryRunner);
    await this.createMemberHistory(queryRunner);
    await this.createJobs(queryRunner);

    for (const statement of messagingMigrationSql(s).up) {
      await queryRunner.query(statement);
    }
  }

  private async createMembers(queryRunner: QueryRunner): Promise<void> {
    const s = MEMBERSHIP_SCHEMA;
    await queryRunner.query(`
      CREATE TABLE ${s}.members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        branch_id uuid NOT NULL,
        plan_id uuid NOT NULL REFERENCES ${s}.plans(id),
        first_name varchar(80) NOT NULL,
        last_name varchar(80) NOT NULL,
        phone varchar(16) NOT NULL,
        email varchar(254),
        birth_date date,
        gender varchar(10),
        notes varchar(1000),
        membership_start_date date NOT NULL,
        membership_end_date date NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'ACTIVE'
          CHECK (status IN ('ACTIVE', 'PASSIVE', 'FROZEN', 'ARCHIVED')),
        search_text varchar(400) NOT NULL,
        photo_key varchar(300),
        photo_content_type varchar(40),
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (membership_end_date >= membership_start_date)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX members_tenant_phone_key ON ${s}.members (tenant_id, phone)`,
    );
    // Substring search by folded name or phone digits: a trigram GIN index led by the tenant
    // (btree_gin), so `LIKE '%term%'` within one tenant reads the index, not the table.
    await queryRunner.query(
      `CREATE INDEX members_search_idx ON ${s}.members USING gin (tenant_id, search_text gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX members_tenant_created_idx ON ${s}.members (tenant_id, created_at DESC, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX members_tenant_end_date_idx ON ${s}.members (tenant_id, membership_end_date, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX members_tenant_name_idx ON ${s}.members
         (tenant_id, first_name COLLATE "tr-x-icu", last_name COLLATE "tr-x-icu", id)`,
    );
    await queryRunner.query(
      `CREATE INDEX members_tenant_status_idx ON ${s}.members (tenant_id, status)`,
    );
  }

  private async createMemberHistory(queryRunner: QueryRunner): Promise<void> {
    const s = MEMBERSHIP_SCHEMA;
    await queryRunner.query(`
      CREATE TABLE ${s}.freezes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        member_id uuid NOT NULL REFERENCES ${s}.members(id),
        start_date date NOT NULL,
        planned_end_date date NOT NULL,
        end_date date NOT NULL,
        unfrozen_on date,
        days int NOT NULL CHECK (days >= 0),
        reason varchar(300),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX freezes_member_idx ON ${s}.freezes (member_id, start_date)`,
    );

    await queryRunner.query(`
      CREATE TABLE ${s}.plan_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        member_id uuid NOT NULL REFERENCES ${s}.members(id),
        from_plan_id uuid NOT NULL REFERENCES ${s}.plans(id),
        to_plan_id uuid NOT NULL REFERENCES ${s}.plans(id),
        start_date date NOT NULL,
        status varchar(10) NOT NULL CHECK (status IN ('SCHEDULED', 'APPLIED')),
        previous_start_date date NOT NULL,
        previous_end_date date NOT NULL,
        new_end_date date,
        requested_by uuid NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        last_error varchar(500),
        created_at timestamptz NOT NULL DEFAULT now(),
        applied_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX plan_changes_member_idx ON ${s}.plan_changes (member_id, created_at DESC)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX plan_changes_one_scheduled_key ON ${s}.plan_changes (member_id) WHERE status = 'SCHEDULED'`,
    );
    await queryRunner.query(
      `CREATE INDEX plan_changes_due_idx ON ${s}.plan_changes (tenant_id, start_date) WHERE status = 'SCHEDULED'`,
    );
  }

  private async createJobs(queryRunner: QueryRunner): Promise<void> {
    const s = MEMBERSHIP_SCHEMA;
    await queryRunner.query(`
      CREATE TABLE ${s}.import_jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        created_by uuid NOT NULL,
        file_name varchar(255) NOT NULL,
        file_format varchar(4) NOT NULL CHECK (file_format IN ('csv', 'xlsx')),
        status varchar(10) NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED')),
        total_rows int NOT NULL DEFAULT 0,
        processed_rows int NOT NULL DEFAULT 0,
        created_count int NOT NULL DEFAULT 0,
        skipped_count int NOT NULL DEFAULT 0,
        rejected_count int NOT NULL DEFAULT 0,
        rejected_rows jsonb NOT NULL DEFAULT '[]',
        error varchar(500),
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX import_jobs_tenant_idx ON ${s}.import_jobs (tenant_id, created_at DESC)`,
    );

    // The business date each daily job last completed for each tenant, so a run every few
    // minutes does the day's work once and a failed tenant is retried on the next run.
    await queryRunner.query(`
      CREATE TABLE ${s}.daily_job_progress (
        job varchar(40) NOT NULL,
        tenant_id uuid NOT NULL,
        last_date date NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (job, tenant_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = MEMBERSHIP_SCHEMA;
    for (const statement of messagingMigrationSql(s).down) {
      await queryRunner.query(statement);
    }
    for (const table of [
      'daily_job_progress',
      'import_jobs',
      'plan_changes',
      'freezes',
      'members',
      'plans',
      'branch_replicas',
      'tenant_replicas',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${s}.${table}`);
    }
  }
}
