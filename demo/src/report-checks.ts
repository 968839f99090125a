import type { DemoContext } from './demo-context.js';
import { monthBounds } from './demo-month.js';
import { productSpecs } from './gym-profile.js';
import { formatKurus, toKurus } from './money.js';
import { flatten, readProductsReport, readRevenueReport } from './report-reading.js';
import { diffAmounts, diffProducts, sumOf, type RevenueTotals } from './revenue-totals.js';
import type { ServiceLedger } from './service-ledger.js';

/**
 * Polls the revenue and products reports until they equal the services' own totals or the
 * timeout passes (reports are built from events and lag a little), prints them with the
 * dashboard, and returns one line per total that still differs.
 */
export async function checkReports(
  context: DemoContext,
  ledger: ServiceLedger,
  withSales: boolean,
  timeoutMs: number,
): Promise<string[]> {
  const { client, progress, data } = context;
  const { month } = data.activity;
  progress.step(`Waiting for reporting to catch up (at most ${timeoutMs / 1000} s)`);

  const started = Date.now();
  let revenue: RevenueTotals;
  let differences: string[];
  for (;;) {
    const report = await client.call('GET', '/api/v1/reports/revenue', { query: { month } });
    revenue = readRevenueReport(report);
    differences = [
      ...totalDifference(ledger.totals, report),
      ...diffAmounts('by source', ledger.totals.bySource, revenue.bySource),
      ...diffAmounts('by method', ledger.totals.byMethod, revenue.byMethod),
      ...diffAmounts('by day', ledger.totals.byDay, revenue.byDay),
    ];
    if (withSales) {
      const products = await productsReport(context);
      differences.push(...diffProducts('product', ledger.products, readProductsReport(products)));
    }
    if (differences.length === 0 || Date.now() - started > timeoutMs) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  progress.info(
    differences.length === 0
      ? `caught up after ${((Date.now() - started) / 1000).toFixed(1)} s`
      : `still ${differences.length} totals apart after ${timeoutMs / 1000} s`,
  );

  await printDashboard(context);
  printRevenue(context, revenue);
  if (withSales) printProducts(context, readProductsReport(await productsReport(context)));
  return differences;
}

async function productsReport(context: DemoContext): Promise<unknown> {
  return context.client.call('GET', '/api/v1/reports/products', {
    query: { ...monthBounds(context.data.activity.month), limit: 100 },
  });
}

async function printDashboard(context: DemoContext): Promise<void> {
  const summary = await context.client.call('GET', '/api/v1/dashboard/summary');
  context.progress.step('Dashboard (GET /dashboard/summary)');
  context.progress.table(['figure', 'value'], flatten(summary));

  const counts: string[] = [];
  for (const status of ['ACTIVE', 'FROZEN', 'PASSIVE']) {
    const page = await context.client.call<{ meta: { total: number } }>('GET', '/api/v1/members', {
      query: { status, limit: 1 },
    });
    counts.push(`${page.meta.total} ${status.toLowerCase()}`);
  }
  context.progress.info(`membership lists ${counts.join(', ')} members today`);
}

function printRevenue(context: DemoContext, revenue: RevenueTotals): void {
  const { progress } = context;
  const rows = (amounts: Map<string, bigint>) =>
    [...amounts]
      .sort(([first], [second]) => first.localeCompare(second))
      .map(([key, amount]) => [key, formatKurus(amount)]);
  progress.step(`Revenue report for ${context.data.activity.month} (GET /reports/revenue)`);
  progress.table(['source', 'amount (TRY)'], rows(revenue.bySource));
  progress.table(['method', 'amount (TRY)'], rows(revenue.byMethod));
  progress.table(['day', 'amount (TRY)'], rows(revenue.byDay));
  progress.info(`total ${formatKurus(sumOf(revenue.bySource))} TRY`);
}

function printProducts(
  context: DemoContext,
  products: Map<string, { quantity: number; revenue: bigint }>,
) {
  const names = new Map(productSpecs.map((spec) => [context.productIds.get(spec.key), spec.name]));
  context.progress.step('Products report (GET /reports/products)');
  context.progress.table(
    ['product', 'quantity', 'revenue (TRY)'],
    [...products].map(([id, total]) => [
      names.get(id) ?? id,
      String(total.quantity),
      formatKurus(total.revenue),
    ]),
  );
}

/** Compares the report's own `total`, when it sends one, with the services' sum. */
function totalDifference(totals: RevenueTotals, report: unknown): string[] {
  const total = (report as { total?: unknown }).total;
  if (typeof total !== 'string') return [];
  const month = (amount: bigint) => new Map([['month', amount]]);
  return diffAmounts('total', month(sumOf(totals.bySource)), month(toKurus(total)));
}
