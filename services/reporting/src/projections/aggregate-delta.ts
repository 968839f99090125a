import type { EntityManager } from 'typeorm';
import { REPORTING_SCHEMA } from '../database/schema.js';
import { fromCents } from './money.js';

/** The aggregate tables a fact contributes to, with their key and value columns. */
export const aggregateTables = {
  member_status_counts: { keys: ['tenant_id', 'branch_id', 'status'], values: ['members'] },
  member_new_counts: { keys: ['tenant_id', 'month', 'branch_id'], values: ['members'] },
  member_term_deltas: { keys: ['tenant_id', 'month', 'branch_id'], values: ['delta'] },
  member_active_end_dates: { keys: ['tenant_id', 'end_date', 'branch_id'], values: ['members'] },
  revenue_daily: {
    keys: ['tenant_id', 'day', 'branch_id', 'source', 'method'],
    values: ['amount', 'entries'],
  },
  revenue_monthly: {
    keys: ['tenant_id', 'month', 'branch_id', 'source', 'method'],
    values: ['amount', 'entries'],
  },
  product_sales_daily: {
    keys: ['tenant_id', 'day', 'branch_id', 'product_id'],
    values: ['quantity', 'revenue'],
  },
  product_sales_monthly: {
    keys: ['tenant_id', 'month', 'branch_id', 'product_id'],
    values: ['quantity', 'revenue'],
  },
} as const;

export type AggregateTable = keyof typeof aggregateTables;

/** Money columns hold cents as bigint; the others are counts. */
const moneyColumns = new Set(['amount', 'revenue']);

/** One row a fact adds to an aggregate: key column values and the amounts it adds. */
export interface ContributionRow {
  table: AggregateTable;
  key: string[];
  values: bigint[];
}

function rowId(row: ContributionRow): string {
  return `${row.table}|${row.key.join('|')}`;
}

/**
 * Returns what moving a fact from contribution `before` to `after` adds to each aggregate row:
 * `after` minus `before`, merged per row, without rows that do not change.
 */
export function contributionDelta(
  before: ContributionRow[],
  after: ContributionRow[],
): ContributionRow[] {
  const merged = new Map<string, ContributionRow>();
  const add = (row: ContributionRow, sign: bigint) => {
    const id = rowId(row);
    const existing = merged.get(id);
    const values = row.values.map((value) => value * sign);
    if (existing) existing.values = existing.values.map((value, index) => value + values[index]!);
    else merged.set(id, { table: row.table, key: row.key, values });
  };
  before.forEach((row) => add(row, -1n));
  after.forEach((row) => add(row, 1n));
  return [...merged.values()].filter((row) => row.values.some((value) => value !== 0n));
}

/**
 * Adds the delta to the aggregate rows, creating missing ones. Rows are written in one order
 * (table, then key), so concurrent handlers wait for each other instead of deadlocking.
 */
export async function applyDelta(manager: EntityManager, delta: ContributionRow[]): Promise<void> {
  const sorted = [...delta].sort((a, b) => (rowId(a) < rowId(b) ? -1 : 1));
  for (const row of sorted) {
    const { keys, values } = aggregateTables[row.table];
    const columns = [...keys, ...values];
    const placeholders = columns.map((_, index) => `$${index + 1}`).join(', ');
    const updates = values.map((column) => `${column} = t.${column} + EXCLUDED.${column}`);
    const parameters = [
      ...row.key,
      ...row.values.map((value, index) =>
        moneyColumns.has(values[index]!) ? fromCents(value) : Number(value),
      ),
    ];
    await manager.query(
      `INSERT INTO ${REPORTING_SCHEMA}.${row.table} AS t (${columns.join(', ')})
       VALUES (${placeholders})
       ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${updates.join(', ')}`,
      parameters,
    );
  }
}
