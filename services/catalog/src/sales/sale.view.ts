import type { SaleItem } from './sale-item.entity.js';
import type { Sale } from './sale.entity.js';

function itemView(item: SaleItem) {
  return {
    productId: item.productId,
    productName: item.productName,
    quantity: item.quantity,
    unitPrice: item.unitPrice,
    lineTotal: item.lineTotal,
  };
}

/** A sale with its lines as the API returns it. */
export function toSaleView(sale: Sale, items: SaleItem[]) {
  return {
    id: sale.id,
    branchId: sale.branchId,
    memberId: sale.memberId,
    soldOn: sale.soldOn,
    paymentMethod: sale.paymentMethod,
    total: sale.total,
    note: sale.note,
    items: items.map(itemView),
    recordedBy: sale.recordedBy,
    createdAt: sale.createdAt,
  };
}

export type SaleView = ReturnType<typeof toSaleView>;

/** Data of catalog.sale.recorded, and of catalog.sale.deleted with `deletedAt` added. */
export function saleEventData(sale: Sale, items: SaleItem[]) {
  return {
    saleId: sale.id,
    branchId: sale.branchId,
    memberId: sale.memberId,
    soldOn: sale.soldOn,
    paymentMethod: sale.paymentMethod,
    total: sale.total,
    items: items.map(itemView),
    recordedAt: new Date(sale.createdAt).toISOString(),
  };
}
