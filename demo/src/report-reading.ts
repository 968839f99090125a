import { toKurus } from './money.js';
import type { ProductTotal, RevenueTotals } from './revenue-totals.js';

type Json = Record<string, unknown>;

/**
 * Reads GET /reports/revenue: `bySource`, `byMethod` and `byDay`, each a list of entries with
 * their key (`source`, `method`, `date` or `day`) and `amount`, or an object from key to amount.
 * NOTE: written from the public API's field list before reporting existed; other names fail loudly.
 */
export function readRevenueReport(report: unknown): RevenueTotals {
  const body = asObject(report, 'the revenue report');
  return {
    bySource: keyedAmounts(body.bySource ?? body.sources, ['source']),
    byMethod: keyedAmounts(body.byMethod ?? body.methods, ['method', 'paymentMethod']),
    byDay: keyedAmounts(body.byDay ?? body.days, ['date', 'day']),
  };
}

/** Reads GET /reports/products: a list (`data`, `products`, `items` or the body itself) of `productId, quantity, revenue`. */
export function readProductsReport(report: unknown): Map<string, ProductTotal> {
  const body = Array.isArray(report) ? { data: report } : asObject(report, 'the products report');
  const entries = body.data ?? body.products ?? body.items;
  if (!Array.isArray(entries)) throw new Error('The products report has no list of products');
  return new Map(
    entries.map((entry) => {
      const row = asObject(entry, 'a products report row');
      return [
        String(row.productId),
        { quantity: Number(row.quantity), revenue: toKurus(amountText(row)) },
      ];
    }),
  );
}

/** Flattens an object into `path: value` rows for printing: `members.active: 12`. */
export function flatten(value: unknown, prefix = ''): [string, string][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [[prefix, Array.isArray(value) ? JSON.stringify(value) : String(value)]];
  }
  return Object.entries(value).flatMap(([key, inner]) =>
    flatten(inner, prefix ? `${prefix}.${key}` : key),
  );
}

function keyedAmounts(value: unknown, keyFields: readonly string[]): Map<string, bigint> {
  if (Array.isArray(value)) {
    return new Map(
      value.map((entry) => {
        const row = asObject(entry, 'a report row');
        const key = keyFields.map((field) => row[field]).find((text) => typeof text === 'string');
        if (typeof key !== 'string') throw new Error(`A report row has none of ${keyFields}`);
        return [key, toKurus(amountText(row))];
      }),
    );
  }
  return new Map(
    Object.entries(asObject(value, 'a report breakdown')).map(([key, amount]) => [
      key,
      toKurus(typeof amount === 'string' ? amount : amountText(asObject(amount, key))),
    ]),
  );
}

function amountText(row: Json): string {
  const amount = row.amount ?? row.revenue ?? row.total ?? row.totalAmount;
  if (typeof amount !== 'string')
    throw new Error(`A report row has no decimal amount: ${JSON.stringify(row)}`);
  return amount;
}

function asObject(value: unknown, what: string): Json {
  if (value === null || typeof value !== 'object') throw new Error(`${what} is not an object`);
  return value as Json;
}
