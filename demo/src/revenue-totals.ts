import { formatKurus, timesQuantity, toKurus } from './money.js';

/** Revenue of a month split three ways, in kuruş: by source, by payment method and by day. */
export interface RevenueTotals {
  bySource: Map<string, bigint>;
  byMethod: Map<string, bigint>;
  byDay: Map<string, bigint>;
}

export interface ProductTotal {
  quantity: number;
  revenue: bigint;
}

export interface PaymentRecord {
  amount: string;
  method: string;
  paidOn: string;
  status: string;
}

export interface SaleRecord {
  paymentMethod: string;
  soldOn: string;
  items: { productId: string; quantity: number; unitPrice: string }[];
}

export function emptyTotals(): RevenueTotals {
  return { bySource: new Map(), byMethod: new Map(), byDay: new Map() };
}

/** Adds the payments billing lists; a corrected original counts no more, its replacement does. */
export function addPayments(totals: RevenueTotals, payments: readonly PaymentRecord[]): void {
  for (const payment of payments.filter((candidate) => candidate.status === 'RECORDED')) {
    add(totals, 'MEMBERSHIP', payment.method, payment.paidOn, toKurus(payment.amount));
  }
}

/** Adds the sales catalog lists (deleted sales are not listed). */
export function addSales(totals: RevenueTotals, sales: readonly SaleRecord[]): void {
  for (const sale of sales)
    add(totals, 'PRODUCT_SALES', sale.paymentMethod, sale.soldOn, saleTotal(sale));
}

/** Quantity and revenue per product id over the listed sales. */
export function productTotals(sales: readonly SaleRecord[]): Map<string, ProductTotal> {
  const totals = new Map<string, ProductTotal>();
  for (const item of sales.flatMap((sale) => sale.items)) {
    const total = totals.get(item.productId) ?? { quantity: 0, revenue: 0n };
    total.quantity += item.quantity;
    total.revenue += timesQuantity(item.unitPrice, item.quantity);
    totals.set(item.productId, total);
  }
  return totals;
}

export function saleTotal(sale: SaleRecord): bigint {
  return sale.items.reduce((sum, item) => sum + timesQuantity(item.unitPrice, item.quantity), 0n);
}

export function sumOf(amounts: ReadonlyMap<string, bigint>): bigint {
  return [...amounts.values()].reduce((sum, amount) => sum + amount, 0n);
}

/** Lists each key whose amounts differ. A key missing on one side counts as zero there. */
export function diffAmounts(
  label: string,
  fromServices: ReadonlyMap<string, bigint>,
  fromReport: ReadonlyMap<string, bigint>,
): string[] {
  const keys = [...new Set([...fromServices.keys(), ...fromReport.keys()])].sort();
  return keys.flatMap((key) => {
    const expected = fromServices.get(key) ?? 0n;
    const reported = fromReport.get(key) ?? 0n;
    return expected === reported
      ? []
      : [`${label} ${key}: report ${formatKurus(reported)}, services ${formatKurus(expected)}`];
  });
}

function add(totals: RevenueTotals, source: string, method: string, day: string, amount: bigint) {
  increase(totals.bySource, source, amount);
  increase(totals.byMethod, method, amount);
  increase(totals.byDay, day, amount);
}

function increase(amounts: Map<string, bigint>, key: string, amount: bigint): void {
  amounts.set(key, (amounts.get(key) ?? 0n) + amount);
}

/** Lists each product whose quantity or revenue differs. */
export function diffProducts(
  label: string,
  fromServices: ReadonlyMap<string, ProductTotal>,
  fromReport: ReadonlyMap<string, ProductTotal>,
): string[] {
  const none: ProductTotal = { quantity: 0, revenue: 0n };
  const keys = [...new Set([...fromServices.keys(), ...fromReport.keys()])].sort();
  return keys.flatMap((key) => {
    const expected = fromServices.get(key) ?? none;
    const reported = fromReport.get(key) ?? none;
    return expected.quantity === reported.quantity && expected.revenue === reported.revenue
      ? []
      : [
          `${label} ${key}: report ${reported.quantity} for ${formatKurus(reported.revenue)}, ` +
            `services ${expected.quantity} for ${formatKurus(expected.revenue)}`,
        ];
  });
}
