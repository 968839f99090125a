/** Rows of one read-model table that an owner's events produce; `where` narrows a shared table. */
export interface OwnedRows {
  table: string;
  where?: string;
}

/**
 * The read-model rows each owner's events produce. A rebuild wipes only the rows of the owners
 * it replays, so the rows of an owner that cannot replay yet stay as the live events left them.
 */
export const ownedRows: Record<string, OwnedRows[]> = {
  identity: [{ table: 'tenants' }, { table: 'branches' }],
  membership: [
    { table: 'member_facts' },
    { table: 'member_status_counts' },
    { table: 'member_new_counts' },
    { table: 'member_term_deltas' },
    { table: 'member_active_end_dates' },
  ],
  billing: [
    { table: 'payment_facts' },
    { table: 'revenue_daily', where: `source = 'MEMBERSHIP'` },
    { table: 'revenue_monthly', where: `source = 'MEMBERSHIP'` },
  ],
  catalog: [
    { table: 'sale_facts' },
    { table: 'products' },
    { table: 'product_sales_daily' },
    { table: 'product_sales_monthly' },
    { table: 'revenue_daily', where: `source = 'PRODUCT_SALES'` },
    { table: 'revenue_monthly', where: `source = 'PRODUCT_SALES'` },
  ],
};
