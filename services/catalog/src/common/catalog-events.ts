/** Routing keys of the events catalog publishes through its outbox. */
export const catalogEventTypes = {
  productCreated: 'catalog.product.created',
  productUpdated: 'catalog.product.updated',
  productArchived: 'catalog.product.archived',
  saleRecorded: 'catalog.sale.recorded',
  saleDeleted: 'catalog.sale.deleted',
} as const;
