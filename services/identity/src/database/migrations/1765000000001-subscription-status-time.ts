import type { MigrationInterface, QueryRunner } from 'typeorm';
import { IDENTITY_SCHEMA } from '../schema.js';

/** When billing changed the subscription status last, so older events cannot overwrite newer ones. */
export class SubscriptionStatusTime1765000000001 implements MigrationInterface {
  name = 'SubscriptionStatusTime1765000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE ${IDENTITY_SCHEMA}.tenants ADD COLUMN IF NOT EXISTS subscription_status_changed_at timestamptz`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE ${IDENTITY_SCHEMA}.tenants DROP COLUMN IF EXISTS subscription_status_changed_at`,
    );
  }
}
