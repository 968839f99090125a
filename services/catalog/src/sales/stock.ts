import type { EntityManager } from 'typeorm';
import { AppException } from '@gym/errors';
import { CATALOG_SCHEMA } from '../database/schema.js';

const s = CATALOG_SCHEMA;

/** One product line of a sale after lines of the same product were merged. */
export interface SaleLine {
  productId: string;
  quantity: number;
}

/** The product as the sale saw it while holding its row lock. */
export interface TakenProduct {
  productId: string;
  name: string;
  price: string;
  /** True when the stock is tracked and `quantity` units were taken from it. */
  stockTaken: boolean;
}

/**
 * Merges lines of the same product by summing their quantities, ordered by product id so that
 * concurrent sales lock shared products in the same order and cannot deadlock.
 */
export function mergeLines(items: SaleLine[]): SaleLine[] {
  const quantities = new Map<string, number>();
  for (const item of items) {
    const productId = item.productId.toLowerCase();
    quantities.set(productId, (quantities.get(productId) ?? 0) + item.quantity);
  }
  const productIds = [...quantities.keys()].sort();
  return productIds.map((productId) => ({ productId, quantity: quantities.get(productId)! }));
}

/**
 * Takes a line from its product in one atomic statement: the row must be the tenant's,
 * not archived, sold at `branchId`, and, when its stock is tracked, hold at least `quantity`
 * units. Concurrent sales queue on the row lock and each rechecks the stock it finds, so stock
 * never goes below zero. When the statement matches no row, the reason is looked up and raised.
 */
export async function takeFromProduct(
  manager: EntityManager,
  tenantId: string,
  branchId: string,
  line: SaleLine,
): Promise<TakenProduct> {
  const rows: { id: string; name: string; price: string; tracked: boolean }[] = await manager.query(
    `WITH taken AS (
         UPDATE ${s}.products
            SET stock_quantity = stock_quantity - $4
          WHERE id = $1 AND tenant_id = $2 AND archived_at IS NULL
            AND (branch_id IS NULL OR branch_id = $3)
            AND (stock_quantity IS NULL OR stock_quantity >= $4)
         RETURNING id, name, price::text AS price, stock_quantity IS NOT NULL AS tracked
       )
       SELECT * FROM taken`,
    [line.productId, tenantId, branchId, line.quantity],
  );
  const row = rows[0];
  if (row) {
    return { productId: row.id, name: row.name, price: row.price, stockTaken: row.tracked };
  }
  return raiseUntakeable(manager, tenantId, branchId, line);
}

async function raiseUntakeable(
  manager: EntityManager,
  tenantId: string,
  branchId: string,
  line: SaleLine,
): Promise<never> {
  const rows: { name: string; archived: boolean; branch_id: string | null }[] = await manager.query(
    `SELECT name, archived_at IS NOT NULL AS archived, branch_id
         FROM ${s}.products WHERE id = $1 AND tenant_id = $2`,
    [line.productId, tenantId],
  );
  const product = rows[0];
  const field = [{ field: 'items', constraint: 'saleItem', params: { productId: line.productId } }];
  if (!product) throw new AppException('PRODUCT_NOT_FOUND', { productId: line.productId }, field);
  if (product.archived) {
    throw new AppException('PRODUCT_ARCHIVED', { productName: product.name }, field);
  }
  if (product.branch_id !== null && product.branch_id !== branchId) {
    throw new AppException('PRODUCT_NOT_IN_BRANCH', { productName: product.name, branchId }, field);
  }
  throw new AppException(
    'INSUFFICIENT_STOCK',
    { productName: product.name, productId: line.productId, requested: line.quantity },
    field,
  );
}

/** Gives back the units a deleted sale took from tracked stock. Products no longer tracked are skipped. */
export async function restoreStock(manager: EntityManager, lines: SaleLine[]): Promise<void> {
  for (const line of mergeLines(lines)) {
    await manager.query(
      `UPDATE ${s}.products SET stock_quantity = stock_quantity + $2
        WHERE id = $1 AND stock_quantity IS NOT NULL`,
      [line.productId, line.quantity],
    );
  }
}
