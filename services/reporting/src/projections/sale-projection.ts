import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@gym/messaging';
import { REPORTING_SCHEMA } from '../database/schema.js';
import { applyDelta, contributionDelta, type ContributionRow } from './aggregate-delta.js';
import { monthOf } from './calendar.js';
import { lockFact } from './fact-lock.js';
import { toCents } from './money.js';
import { requireFields, type SaleEventData, type SaleItemData } from './source-events.js';

interface SaleFact {
  tenant_id: string;
  sale_id: string;
  branch_id: string | null;
  sold_on: string | null;
  payment_method: string | null;
  total: string | null;
  items: SaleItemData[] | null;
  deleted: boolean;
}

const FACT_COLUMNS =
  'sale_id, branch_id, sold_on::text AS sold_on, payment_method, total, items, deleted';

/** A sale adds its total to revenue and its items to the product rows, unless it was deleted. */
function contribution(fact: SaleFact): ContributionRow[] {
  if (fact.deleted || fact.total === null) return [];
  const { tenant_id: tenant, branch_id: branch, sold_on: day, payment_method: method } = fact;
  const values = [toCents(fact.total), 1n];
  return [
    { table: 'revenue_daily', key: [tenant, day!, branch!, 'PRODUCT_SALES', method!], values },
    {
      table: 'revenue_monthly',
      key: [tenant, monthOf(day!), branch!, 'PRODUCT_SALES', method!],
      values,
    },
    ...(fact.items ?? []).flatMap((item): ContributionRow[] => {
      const itemValues = [BigInt(item.quantity), toCents(item.lineTotal)];
      return [
        {
          table: 'product_sales_daily',
          key: [tenant, day!, branch!, item.productId],
          values: itemValues,
        },
        {
          table: 'product_sales_monthly',
          key: [tenant, monthOf(day!), branch!, item.productId],
          values: itemValues,
        },
      ];
    }),
  ];
}

/** Keeps a product's name for the report until catalog's product events name it. */
async function rememberProducts(manager: EntityManager, tenantId: string, items: SaleItemData[]) {
  const products = [...new Map(items.map((item) => [item.productId, item])).values()].sort(
    (a, b) => (a.productId < b.productId ? -1 : 1),
  );
  for (const item of products) {
    await manager.query(
      `INSERT INTO ${REPORTING_SCHEMA}.products (product_id, tenant_id, name) VALUES ($1, $2, $3)
       ON CONFLICT (product_id) DO NOTHING`,
      [item.productId, tenantId, item.productName],
    );
  }
}

/**
 * Applies catalog.sale.recorded and catalog.sale.deleted. Deleted is final: a deletion that
 * arrives before its sale leaves a tombstone, and the late recorded event adds nothing.
 */
export async function applySale(envelope: EventEnvelope, manager: EntityManager): Promise<void> {
  const data = requireFields<SaleEventData>(envelope.type, envelope.data, [
    'saleId',
    'branchId',
    'soldOn',
    'paymentMethod',
    'total',
    'items',
  ]);
  if (!Array.isArray(data.items)) throw new Error(`Event ${envelope.type} has no items array`);

  const fact = await lockFact<SaleFact>(
    manager,
    'sale_facts',
    'sale_id',
    data.saleId,
    envelope.tenantId,
    FACT_COLUMNS,
  );
  const next: SaleFact = {
    ...fact,
    branch_id: data.branchId,
    sold_on: data.soldOn,
    payment_method: data.paymentMethod,
    total: data.total,
    items: data.items,
    deleted: fact.deleted || envelope.type === 'catalog.sale.deleted',
  };
  await manager.query(
    `UPDATE ${REPORTING_SCHEMA}.sale_facts
        SET branch_id = $2, sold_on = $3, payment_method = $4, total = $5, items = $6, deleted = $7
      WHERE sale_id = $1`,
    [
      next.sale_id,
      next.branch_id,
      next.sold_on,
      next.payment_method,
      next.total,
      JSON.stringify(next.items),
      next.deleted,
    ],
  );
  await rememberProducts(manager, envelope.tenantId, data.items);
  await applyDelta(manager, contributionDelta(contribution(fact), contribution(next)));
}
