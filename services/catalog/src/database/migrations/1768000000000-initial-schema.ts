import type { MigrationInterface, QueryRunner } from 'typeorm';
import { idempotencyMigrationSql } from '@gym/idempotency';
import { messagingMigrationSql } from '@gym/messaging';
import { CATALOG_SCHEMA } from '../schema.js';

/**
 * Replicas of identity's tenants and branches and membership's members, products, product sales
 * and their items, idempotency keys, outbox and inbox.
 */
export class InitialSchema1768000000000 implements MigrationInterface {
  name = 'InitialSchema1768000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = CATALOG_SCHEMA;

    await queryRunner.query(`
      CREATE TABLE ${s}.tenant_replicas (
        tenant_id uuid PRIMARY KEY,
        name varchar(120) NOT NULL,
        timezone varchar(64) NOT NULL,
        source_occurred_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE ${s}.branch_replicas (
        branch_id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        name varchar(120) NOT NULL,
        archived_at timestamptz,
        source_occurred_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX branch_replicas_tenant_idx ON ${s}.branch_replicas (tenant_id)`,
    );

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
      CREATE TABLE ${s}.products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        name varchar(120) NOT NULL,
        search_text varchar(250) NOT NULL,
        sku varchar(64),
        price numeric(12,2) NOT NULL CHECK (price > 0),
        stock_quantity integer CHECK (stock_quantity >= 0),
        branch_id uuid,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Names are folded like membership's plan names, so KREATİN and Kreatin collide.
    await queryRunner.query(
      `CREATE UNIQUE INDEX products_tenant_name_key ON ${s}.products
         (tenant_id, lower(translate(name, 'İIı', 'iii'))) WHERE archived_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX products_tenant_sku_key ON ${s}.products (tenant_id, sku) WHERE sku IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE ${s}.sales (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        branch_id uuid NOT NULL,
        member_id uuid,
        sold_on date NOT NULL,
        payment_method varchar(20) NOT NULL
          CHECK (payment_method IN ('CASH', 'CREDIT_CARD', 'BANK_TRANSFER', 'OTHER')),
        total numeric(16,2) NOT NULL CHECK (total > 0),
        note varchar(500),
        recorded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        deleted_by uuid,
        CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX sales_tenant_sold_on_idx ON ${s}.sales (tenant_id, sold_on DESC, created_at DESC)
         WHERE deleted_at IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE ${s}.sale_items (
        sale_id uuid NOT NULL REFERENCES ${s}.sales (id),
        position smallint NOT NULL,
        product_id uuid NOT NULL,
        product_name varchar(120) NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        unit_price numeric(12,2) NOT NULL,
        line_total numeric(16,2) NOT NULL,
        stock_taken boolean NOT NULL,
        PRIMARY KEY (sale_id, position)
      )`);
    await queryRunner.query(`CREATE INDEX sale_items_product_idx ON ${s}.sale_items (product_id)`);

    for (const statement of [...idempotencyMigrationSql(s).up, ...messagingMigrationSql(s).up]) {
      await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = CATALOG_SCHEMA;
    for (const statement of [
      ...messagingMigrationSql(s).down,
      ...idempotencyMigrationSql(s).down,
    ]) {
      await queryRunner.query(statement);
    }
    for (const table of [
      'sale_items',
      'sales',
      'products',
      'member_replicas',
      'branch_replicas',
      'tenant_replicas',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${s}.${table}`);
    }
  }
}
