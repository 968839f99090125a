import { getDataSourceToken } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { pagesById, replayProvider, type ReplayEvent } from '@gym/messaging';
import { catalogEventTypes } from '../common/catalog-events.js';
import { Product } from '../products/product.entity.js';
import { productEventData } from '../products/product.view.js';
import { SaleItem } from '../sales/sale-item.entity.js';
import { Sale } from '../sales/sale.entity.js';
import { saleEventData } from '../sales/sale.view.js';

type Emit = (event: ReplayEvent) => Promise<void>;

/** Sales whose lines are read in one query. */
const SALE_BATCH = 100;

/** Emits catalog.sale.recorded for each sale and catalog.sale.deleted for each deleted one. */
async function emitSales(dataSource: DataSource, sales: Sale[], emit: Emit): Promise<void> {
  if (sales.length === 0) return;
  const items = await dataSource
    .getRepository(SaleItem)
    .find({ where: { saleId: In(sales.map((sale) => sale.id)) }, order: { position: 'ASC' } });

  for (const sale of sales) {
    const data = saleEventData(
      sale,
      items.filter((item) => item.saleId === sale.id),
    );
    await emit({
      type: catalogEventTypes.saleRecorded,
      tenantId: sale.tenantId,
      data,
      occurredAt: sale.createdAt,
      entityKey: sale.id,
    });
    if (sale.deletedAt) {
      await emit({
        type: catalogEventTypes.saleDeleted,
        tenantId: sale.tenantId,
        data: { ...data, deletedAt: new Date(sale.deletedAt).toISOString() },
        occurredAt: sale.deletedAt,
        entityKey: sale.id,
      });
    }
  }
}

/**
 * Serves `catalog.replay` with every product as catalog.product.updated and every sale as
 * catalog.sale.recorded, followed by catalog.sale.deleted for a deleted one, in the live
 * events' shapes.
 */
export const catalogReplay = replayProvider(
  'catalog',
  [getDataSourceToken()],
  (dataSource: DataSource) => async (tenantId, emit) => {
    const where = tenantId ? { tenantId } : {};
    for await (const product of pagesById(dataSource.getRepository(Product), where)) {
      await emit({
        type: catalogEventTypes.productUpdated,
        tenantId: product.tenantId,
        data: productEventData(product),
        occurredAt: product.updatedAt,
        entityKey: `${product.id}@${product.updatedAt.toISOString()}`,
      });
    }

    let batch: Sale[] = [];
    for await (const sale of pagesById(dataSource.getRepository(Sale), where)) {
      batch.push(sale);
      if (batch.length >= SALE_BATCH) {
        await emitSales(dataSource, batch, emit);
        batch = [];
      }
    }
    await emitSales(dataSource, batch, emit);
  },
);
