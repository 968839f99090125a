import type { ActivityPlan } from './activity-plan.js';
import { productSpecs } from './gym-profile.js';
import {
  addPayments,
  addSales,
  emptyTotals,
  productTotals,
  type ProductTotal,
  type RevenueTotals,
  type SaleRecord,
} from './revenue-totals.js';

/**
 * The month's revenue as the plan intends it: each payment at its corrected value, each sale but
 * the deleted one at the products' prices. Product ids are the plan's product keys.
 */
export function plannedTotals(activity: ActivityPlan, withSales: boolean): RevenueTotals {
  const totals = emptyTotals();
  addPayments(
    totals,
    activity.payments.map((payment) => ({ ...payment, ...payment.correction, status: 'RECORDED' })),
  );
  if (withSales) addSales(totals, plannedSales(activity));
  return totals;
}

/** Quantity and revenue per product key of the sales kept. */
export function plannedProductTotals(activity: ActivityPlan): Map<string, ProductTotal> {
  return productTotals(plannedSales(activity));
}

/** The sales but the deleted one, at the products' prices, with product keys for ids. */
function plannedSales(activity: ActivityPlan): SaleRecord[] {
  const price = new Map(productSpecs.map((product) => [product.key, product.price]));
  return activity.sales
    .filter((sale) => sale.key !== activity.deletedSaleKey)
    .map((sale) => ({
      ...sale,
      items: sale.items.map((item) => ({
        productId: item.product,
        quantity: item.quantity,
        unitPrice: price.get(item.product)!,
      })),
    }));
}
