import type { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingMigrationSql } from '@gym/messaging';
import { REPORTING_SCHEMA } from '../schema.js';

/** Tables of reporting in dependency-free order; `down` drops them in reverse. */
const tables = [
  'tenants',
  'branches',
  'products',
  'member_facts',
  'member_status_counts',
  'member_new_counts',
  'member_term_deltas',
  'member_active_end_dates',
  'payment_facts',
  'sale_facts',
  'revenue_daily',
  'revenue_monthly',
  'product_sales_daily',
  'product_sales_monthly',
];

/**
 * Replicas of tenants, branches and products; one fact row per member, payment and sale with
 * its current contribution; the daily and monthly aggregates the routes read; inbox and outbox.
 */
export class InitialSchema1768000000000 implements MigrationInterface {
  name = 'InitialSchema1768000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = REPORTING_SCHEMA;
    const statements = [
      `CREATE TABLE ${s}.tenants (
        tenant_id uuid PRIMARY KEY,
        timezone varchar(64) NOT NULL,
        source_occurred_at timestamptz NOT NULL
      )`,
      `CREATE TABLE ${s}.branches (
        branch_id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        name varchar(120) NOT NULL,
        archived boolean NOT NULL,
        source_occurred_at timestamptz NOT NULL
      )`,
      `CREATE INDEX branches_tenant_idx ON ${s}.branches (tenant_id)`,
      `CREATE TABLE ${s}.products (
        product_id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        name varchar(200) NOT NULL,
        sku varchar(100),
        source_occurred_at timestamptz
      )`,
      `CREATE INDEX products_tenant_idx ON ${s}.products (tenant_id)`,

      `CREATE TABLE ${s}.member_facts (
        member_id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        branch_id uuid NOT NULL,
        status varchar(10) NOT NULL,
        created_on date NOT NULL,
        term_start date NOT NULL,
        term_end date NOT NULL,
        archived_on date,
        source_occurred_at timestamptz NOT NULL
      )`,
      `CREATE INDEX member_facts_tenant_idx ON ${s}.member_facts (tenant_id)`,
      `CREATE TABLE ${s}.member_status_counts (
        tenant_id uuid NOT NULL,
        branch_id uuid NOT NULL,
        status varchar(10) NOT NULL,
        members integer NOT NULL,
        PRIMARY KEY (tenant_id, branch_id, status)
      )`,
      `CREATE TABLE ${s}.member_new_counts (
        tenant_id uuid NOT NULL,
        branch_id uuid NOT NULL,
        month char(7) NOT NULL,
        members integer NOT NULL,
        PRIMARY KEY (tenant_id, month, branch_id)
      )`,
      `CREATE TABLE ${s}.member_term_deltas (
        tenant_id uuid NOT NULL,
        branch_id uuid NOT NULL,
        month char(7) NOT NULL,
        delta integer NOT NULL,
        PRIMARY KEY (tenant_id, month, branch_id)
      )`,
      `CREATE TABLE ${s}.member_active_end_dates (
        tenant_id uuid NOT NULL,
        branch_id uuid NOT NULL,
        end_date date NOT NULL,
        members integer NOT NULL,
        PRIMARY KEY (tenant_id, end_date, branch_id)
      )`,

      `CREATE TABLE ${s}.payment_facts (
        payment_id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        branch_id uuid,
        paid_on date,
        method varchar(20),
        amount numeric(12,2),
        superseded boolean NOT NULL DEFAULT false
      )`,
      `CREATE INDEX payment_facts_tenant_idx ON ${s}.payment_facts (tenant_id)`,
      `CREATE TABLE ${s}.sale_facts (
        sale_id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        branch_id uuid,
        sold_on date,
        payment_method varchar(20),
        total numeric(12,2),
        items jsonb,
        deleted boolean NOT NULL DEFAULT false
      )`,
      `CREATE INDEX sale_facts_tenant_idx ON ${s}.sale_facts (tenant_id)`,

      `CREATE TABLE ${s}.revenue_daily (
        tenant_id uuid NOT NULL,
        day date NOT NULL,
        branch_id uuid NOT NULL,
        source varchar(20) NOT NULL,
        method varchar(20) NOT NULL,
        amount numeric(16,2) NOT NULL,
        entries integer NOT NULL,
        PRIMARY KEY (tenant_id, day, branch_id, source, method)
      )`,
      `CREATE TABLE ${s}.revenue_monthly (
        tenant_id uuid NOT NULL,
        month char(7) NOT NULL,
        branch_id uuid NOT NULL,
        source varchar(20) NOT NULL,
        method varchar(20) NOT NULL,
        amount numeric(16,2) NOT NULL,
        entries integer NOT NULL,
        PRIMARY KEY (tenant_id, month, branch_id, source, method)
      )`,
      `CREATE TABLE ${s}.product_sales_daily (
        tenant_id uuid NOT NULL,
        day date NOT NULL,
        branch_id uuid NOT NULL,
        product_id uuid NOT NULL,
        quantity integer NOT NULL,
        revenue numeric(16,2) NOT NULL,
        PRIMARY KEY (tenant_id, day, branch_id, product_id)
      )`,
      `CREATE TABLE ${s}.product_sales_monthly (
        tenant_id uuid NOT NULL,
        month char(7) NOT NULL,
        branch_id uuid NOT NULL,
        product_id uuid NOT NULL,
        quantity integer NOT NULL,
        revenue numeric(16,2) NOT NULL,
        PRIMARY KEY (tenant_id, month, branch_id, product_id)
      )`,
      ...messagingMigrationSql(s).up,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = REPORTING_SCHEMA;
    for (const statement of messagingMigrationSql(s).down) await queryRunner.query(statement);
    for (const table of [...tables].reverse()) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${s}.${table}`);
    }
  }
}
