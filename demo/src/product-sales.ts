import type { DemoContext } from './demo-context.js';
import { memberId } from './demo-context.js';
import { productSpecs } from './gym-profile.js';
import { retryWhileReplicaLags } from './retry.js';

/** Creates the shop's products, rings up the month's sales and deletes the one rung up by mistake. */
export async function sellProducts(context: DemoContext): Promise<void> {
  const { client, progress, data } = context;
  const { sales, deletedSaleKey } = data.activity;
  progress.step(`${productSpecs.length} products and ${sales.length} product sales`);

  for (const spec of productSpecs) {
    const { key, branch, ...fields } = spec;
    const body = branch ? { ...fields, branchId: context.branchIds.get(branch) } : fields;
    const product = await retryWhileReplicaLags(
      () => client.call<{ id: string }>('POST', '/api/v1/products', { body }),
      ['BRANCH_NOT_FOUND'],
    );
    context.productIds.set(key, product.id);
  }

  const saleIds = new Map<string, string>();
  for (const sale of sales) {
    const body = {
      branchId: context.branchIds.get(sale.branch),
      ...(sale.memberPhone ? { memberId: memberId(context, sale.memberPhone) } : {}),
      items: sale.items.map((item) => ({
        productId: context.productIds.get(item.product),
        quantity: item.quantity,
      })),
      paymentMethod: sale.paymentMethod,
      soldOn: sale.soldOn,
    };
    const recorded = await retryWhileReplicaLags(
      () =>
        client.call<{ id: string }>('POST', '/api/v1/product-sales', {
          idempotencyKey: sale.key,
          body,
        }),
      // Catalog rejects a sale while billing's month lock check is unavailable, and writes nothing.
      ['MEMBER_NOT_FOUND', 'BRANCH_NOT_FOUND', 'MONTH_LOCK_CHECK_UNAVAILABLE'],
    );
    saleIds.set(sale.key, recorded.id);
  }
  progress.info(`${sales.length} sales rung up`);

  if (deletedSaleKey) {
    await client.call('DELETE', `/api/v1/product-sales/${saleIds.get(deletedSaleKey)}`);
    progress.info(`sale ${saleIds.get(deletedSaleKey)} deleted; its stock is back on the shelf`);
  }
}
