import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@gym/messaging';
import { REPORTING_SCHEMA } from '../database/schema.js';
import {
  requireFields,
  type BranchEventData,
  type ProductEventData,
  type TenantEventData,
} from './source-events.js';

const s = REPORTING_SCHEMA;

/** Keeps the tenant's timezone; an event older than the row changes nothing. */
export async function applyTenant(envelope: EventEnvelope, manager: EntityManager): Promise<void> {
  const data = requireFields<TenantEventData>(envelope.type, envelope.data, [
    'tenantId',
    'timezone',
  ]);
  await manager.query(
    `INSERT INTO ${s}.tenants AS t (tenant_id, timezone, source_occurred_at) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id) DO UPDATE
       SET timezone = EXCLUDED.timezone, source_occurred_at = EXCLUDED.source_occurred_at
       WHERE t.source_occurred_at <= EXCLUDED.source_occurred_at`,
    [envelope.tenantId, data.timezone, envelope.occurredAt],
  );
}

export async function applyBranch(envelope: EventEnvelope, manager: EntityManager): Promise<void> {
  const data = requireFields<BranchEventData>(envelope.type, envelope.data, ['branchId', 'name']);
  await manager.query(
    `INSERT INTO ${s}.branches AS b (branch_id, tenant_id, name, archived, source_occurred_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (branch_id) DO UPDATE
       SET name = EXCLUDED.name, archived = EXCLUDED.archived,
           source_occurred_at = EXCLUDED.source_occurred_at
       WHERE b.source_occurred_at <= EXCLUDED.source_occurred_at
         AND b.tenant_id = EXCLUDED.tenant_id`,
    [data.branchId, envelope.tenantId, data.name, Boolean(data.archivedAt), envelope.occurredAt],
  );
}

/** Keeps a product's name and SKU for the products report. */
export async function applyProduct(envelope: EventEnvelope, manager: EntityManager): Promise<void> {
  const data = requireFields<ProductEventData>(envelope.type, envelope.data, ['productId', 'name']);
  await manager.query(
    `INSERT INTO ${s}.products AS p (product_id, tenant_id, name, sku, source_occurred_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (product_id) DO UPDATE
       SET name = EXCLUDED.name, sku = EXCLUDED.sku, source_occurred_at = EXCLUDED.source_occurred_at
       WHERE (p.source_occurred_at IS NULL OR p.source_occurred_at <= EXCLUDED.source_occurred_at)
         AND p.tenant_id = EXCLUDED.tenant_id`,
    [data.productId, envelope.tenantId, data.name, data.sku ?? null, envelope.occurredAt],
  );
}
