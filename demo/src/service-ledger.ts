import type { DemoContext } from './demo-context.js';
import { monthBounds } from './demo-month.js';
import { productSpecs, type ProductKey } from './gym-profile.js';
import { listAll } from './listing.js';
import { formatKurus } from './money.js';
import { plannedProductTotals, plannedTotals } from './planned-totals.js';
import {
  addPayments,
  addSales,
  diffAmounts,
  diffProducts,
  emptyTotals,
  productTotals,
  sumOf,
  type PaymentRecord,
  type ProductTotal,
  type RevenueTotals,
  type SaleRecord,
} from './revenue-totals.js';

/** The month as the owning services list it: billing's payments and catalog's sales. */
export interface ServiceLedger {
  payments: PaymentRecord[];
  sales: SaleRecord[];
  totals: RevenueTotals;
  /** By product id. */
  products: Map<string, ProductTotal>;
}

/** Pages through GET /payments and GET /product-sales of the month and sums them. */
export async function readServiceLedger(
  context: DemoContext,
  withSales: boolean,
): Promise<ServiceLedger> {
  const range = monthBounds(context.data.activity.month);
  const payments = await listAll<PaymentRecord>(context.client, '/api/v1/payments', range);
  const sales = withSales
    ? await listAll<SaleRecord>(context.client, '/api/v1/product-sales', range)
    : [];
  const totals = emptyTotals();
  addPayments(totals, payments);
  addSales(totals, sales);
  return { payments, sales, totals, products: productTotals(sales) };
}

/**
 * Compares the services' lists with what the driver sent: every payment once at its corrected
 * value, each correction's original marked CORRECTED, every sale but the deleted one.
 */
export function checkLedgerAgainstPlan(
  context: DemoContext,
  ledger: ServiceLedger,
  withSales: boolean,
): string[] {
  const { activity } = context.data;
  const planned = plannedTotals(activity, withSales);
  const count = (status: string) =>
    ledger.payments.filter((payment) => payment.status === status).length;
  const corrections = activity.payments.filter((payment) => payment.correction).length;
  const salesKept = activity.sales.filter((sale) => sale.key !== activity.deletedSaleKey).length;

  const failures = [
    ...countDiff('RECORDED payments', activity.payments.length, count('RECORDED')),
    ...countDiff('CORRECTED payments', corrections, count('CORRECTED')),
    ...(withSales ? countDiff('product sales', salesKept, ledger.sales.length) : []),
    ...diffAmounts('services vs plan, by source', planned.bySource, ledger.totals.bySource),
    ...diffAmounts('services vs plan, by method', planned.byMethod, ledger.totals.byMethod),
    ...diffAmounts('services vs plan, by day', planned.byDay, ledger.totals.byDay),
  ];
  if (withSales) {
    const byId = new Map(
      [...plannedProductTotals(activity)].map(([key, total]) => [
        context.productIds.get(key as ProductKey) ?? key,
        total,
      ]),
    );
    failures.push(...diffProducts('services vs plan, product', byId, ledger.products));
  }
  return failures;
}

/** Prints the month's revenue as the services list it. */
export function printLedger(context: DemoContext, ledger: ServiceLedger): void {
  const { progress } = context;
  const productName = new Map(
    productSpecs.map((spec) => [context.productIds.get(spec.key) ?? spec.key, spec.name]),
  );
  progress.step(`${context.data.activity.month} as billing and catalog list it`);
  progress.table(
    ['source', 'amount (TRY)'],
    [...ledger.totals.bySource].map(([source, amount]) => [source, formatKurus(amount)]),
  );
  progress.table(
    ['method', 'amount (TRY)'],
    [...ledger.totals.byMethod]
      .sort(([first], [second]) => first.localeCompare(second))
      .map(([method, amount]) => [method, formatKurus(amount)]),
  );
  const recorded = ledger.payments.filter((payment) => payment.status === 'RECORDED').length;
  progress.info(
    `total ${formatKurus(sumOf(ledger.totals.bySource))} TRY: ${recorded} payments (${ledger.payments.length - recorded} corrected ones not counted), ${ledger.sales.length} sales`,
  );
  if (ledger.products.size > 0) {
    progress.table(
      ['product', 'quantity', 'revenue (TRY)'],
      [...ledger.products]
        .sort(([, first], [, second]) => Number(second.revenue - first.revenue))
        .map(([id, total]) => [
          productName.get(id) ?? id,
          String(total.quantity),
          formatKurus(total.revenue),
        ]),
    );
  }
}

function countDiff(label: string, expected: number, listed: number): string[] {
  return expected === listed ? [] : [`${label}: services list ${listed}, expected ${expected}`];
}
