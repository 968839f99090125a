import type { Product } from './product.entity.js';

/** A product as the API returns it. */
export function toProductView(product: Product) {
  return {
    id: product.id,
    name: product.name,
    sku: product.sku,
    price: product.price,
    stockQuantity: product.stockQuantity,
    branchId: product.branchId,
    archived: product.archivedAt !== null,
    archivedAt: product.archivedAt,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
  };
}

export type ProductView = ReturnType<typeof toProductView>;

/** Data of the catalog.product.* events. */
export function productEventData(product: Product) {
  return {
    productId: product.id,
    name: product.name,
    sku: product.sku,
    price: product.price,
    stockQuantity: product.stockQuantity,
    branchId: product.branchId,
    archived: product.archivedAt !== null,
  };
}
