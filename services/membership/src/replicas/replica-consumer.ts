import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventConsumer, type EventEnvelope } from '@gym/messaging';
import { MEMBERSHIP_SCHEMA } from '../database/schema.js';
import {
  identityEventTypes,
  requireFields,
  type BranchEventData,
  type DefaultBranchChangedData,
  type TenantEventData,
} from './identity-events.js';

const s = MEMBERSHIP_SCHEMA;

/**
 * Keeps the tenant and branch replicas in step with identity's events. Each write is an upsert
 * that skips events older than the row, so redelivered or reordered events change nothing.
 */
@Injectable()
export class ReplicaConsumer implements OnModuleInit {
  constructor(@Inject(EventConsumer) private readonly consumer: EventConsumer) {}

  onModuleInit(): void {
    for (const type of [identityEventTypes.tenantCreated, identityEventTypes.tenantUpdated]) {
      this.consumer.register(type, (envelope, manager) => this.upsertTenant(envelope, manager));
    }
    for (const type of [
      identityEventTypes.branchCreated,
      identityEventTypes.branchUpdated,
      identityEventTypes.branchArchived,
      identityEventTypes.branchRestored,
    ]) {
      this.consumer.register(type, (envelope, manager) => this.upsertBranch(envelope, manager));
    }
    this.consumer.register(identityEventTypes.branchDefaultChanged, (envelope, manager) =>
      this.changeDefaultBranch(envelope, manager),
    );
  }

  private async upsertTenant(envelope: EventEnvelope, manager: EntityManager): Promise<void> {
    const data = requireFields<TenantEventData>(envelope.type, envelope.data, [
      'tenantId',
      'name',
      'timezone',
      'locale',
      'currency',
    ]);
    await manager.query(
      `INSERT INTO ${s}.tenant_replicas AS t (tenant_id, name, timezone, locale, currency, source_occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id) DO UPDATE
         SET name = EXCLUDED.name, timezone = EXCLUDED.timezone, locale = EXCLUDED.locale,
             currency = EXCLUDED.currency, source_occurred_at = EXCLUDED.source_occurred_at,
             updated_at = now()
         WHERE t.source_occurred_at <= EXCLUDED.source_occurred_at`,
      [data.tenantId, data.name, data.timezone, data.locale, data.currency, envelope.occurredAt],
    );
  }

  private async upsertBranch(envelope: EventEnvelope, manager: EntityManager): Promise<void> {
    const data = requireFields<BranchEventData>(envelope.type, envelope.data, [
      'branchId',
      'name',
      'isDefault',
    ]);
    await manager.query(
      `INSERT INTO ${s}.branch_replicas AS b (branch_id, tenant_id, name, is_default, archived_at, source_occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (branch_id) DO UPDATE
         SET name = EXCLUDED.name, is_default = EXCLUDED.is_default,
             archived_at = EXCLUDED.archived_at, source_occurred_at = EXCLUDED.source_occurred_at,
             updated_at = now()
         WHERE b.source_occurred_at <= EXCLUDED.source_occurred_at AND b.tenant_id = EXCLUDED.tenant_id`,
      [
        data.branchId,
        envelope.tenantId,
        data.name,
        data.isDefault,
        data.archivedAt ?? null,
        envelope.occurredAt,
      ],
    );
  }

  /** Moves the default flag; a branch not replicated yet gets it from its own created event. */
  private async changeDefaultBranch(
    envelope: EventEnvelope,
    manager: EntityManager,
  ): Promise<void> {
    const data = requireFields<DefaultBranchChangedData>(envelope.type, envelope.data, [
      'branchId',
    ]);
    await manager.query(
      `UPDATE ${s}.branch_replicas
          SET is_default = (branch_id = $2), source_occurred_at = $3, updated_at = now()
        WHERE tenant_id = $1 AND branch_id IN ($2, coalesce($4::uuid, $2))
          AND source_occurred_at <= $3`,
      [envelope.tenantId, data.branchId, envelope.occurredAt, data.previousBranchId ?? null],
    );
  }
}
