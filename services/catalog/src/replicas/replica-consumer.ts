import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventConsumer, type EventEnvelope } from '@gym/messaging';
import { CATALOG_SCHEMA } from '../database/schema.js';
import {
  requireFields,
  sourceEventTypes,
  type BranchEventData,
  type MemberEventData,
  type TenantEventData,
} from './source-events.js';

const s = CATALOG_SCHEMA;

/**
 * Keeps the tenant, branch and member replicas in step with identity's and membership's events.
 * Each write is an upsert that skips events older than the row, so redelivered or reordered
 * events change nothing.
 */
@Injectable()
export class ReplicaConsumer implements OnModuleInit {
  constructor(@Inject(EventConsumer) private readonly consumer: EventConsumer) {}

  onModuleInit(): void {
    for (const type of [sourceEventTypes.tenantCreated, sourceEventTypes.tenantUpdated]) {
      this.consumer.register(type, (envelope, manager) => this.upsertTenant(envelope, manager));
    }
    for (const type of [
      sourceEventTypes.branchCreated,
      sourceEventTypes.branchUpdated,
      sourceEventTypes.branchArchived,
      sourceEventTypes.branchRestored,
    ]) {
      this.consumer.register(type, (envelope, manager) => this.upsertBranch(envelope, manager));
    }
    for (const type of [
      sourceEventTypes.memberCreated,
      sourceEventTypes.memberUpdated,
      sourceEventTypes.memberStatusChanged,
    ]) {
      this.consumer.register(type, (envelope, manager) => this.upsertMember(envelope, manager));
    }
  }

  private async upsertTenant(envelope: EventEnvelope, manager: EntityManager): Promise<void> {
    const data = requireFields<TenantEventData>(envelope.type, envelope.data, [
      'tenantId',
      'name',
      'timezone',
    ]);
    await manager.query(
      `INSERT INTO ${s}.tenant_replicas AS t (tenant_id, name, timezone, source_occurred_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id) DO UPDATE
         SET name = EXCLUDED.name, timezone = EXCLUDED.timezone,
             source_occurred_at = EXCLUDED.source_occurred_at, updated_at = now()
         WHERE t.source_occurred_at <= EXCLUDED.source_occurred_at`,
      [data.tenantId, data.name, data.timezone, envelope.occurredAt],
    );
  }

  private async upsertBranch(envelope: EventEnvelope, manager: EntityManager): Promise<void> {
    const data = requireFields<BranchEventData>(envelope.type, envelope.data, ['branchId', 'name']);
    await manager.query(
      `INSERT INTO ${s}.branch_replicas AS b (branch_id, tenant_id, name, archived_at, source_occurred_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (branch_id) DO UPDATE
         SET name = EXCLUDED.name, archived_at = EXCLUDED.archived_at,
             source_occurred_at = EXCLUDED.source_occurred_at, updated_at = now()
         WHERE b.source_occurred_at <= EXCLUDED.source_occurred_at AND b.tenant_id = EXCLUDED.tenant_id`,
      [data.branchId, envelope.tenantId, data.name, data.archivedAt ?? null, envelope.occurredAt],
    );
  }

  private async upsertMember(envelope: EventEnvelope, manager: EntityManager): Promise<void> {
    const data = requireFields<MemberEventData>(envelope.type, envelope.data, [
      'memberId',
      'branchId',
      'status',
    ]);
    await manager.query(
      `INSERT INTO ${s}.member_replicas AS m (member_id, tenant_id, branch_id, status, source_occurred_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (member_id) DO UPDATE
         SET branch_id = EXCLUDED.branch_id, status = EXCLUDED.status,
             source_occurred_at = EXCLUDED.source_occurred_at, updated_at = now()
         WHERE m.source_occurred_at <= EXCLUDED.source_occurred_at AND m.tenant_id = EXCLUDED.tenant_id`,
      [data.memberId, envelope.tenantId, data.branchId, data.status, envelope.occurredAt],
    );
  }
}
