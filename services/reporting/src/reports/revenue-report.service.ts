import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { branchCondition } from '../common/branch-scope.js';
import { TenantCalendar } from '../common/tenant-calendar.js';
import { REPORTING_SCHEMA } from '../database/schema.js';
import { addDays, addMonths, lastDayOf, monthOf } from '../projections/calendar.js';
import { fromCents, toCents } from '../projections/money.js';

const s = REPORTING_SCHEMA;

export const revenueSources = ['MEMBERSHIP', 'PRODUCT_SALES'] as const;
export const paymentMethods = ['CASH', 'CREDIT_CARD', 'BANK_TRANSFER', 'OTHER'] as const;

interface RevenueRow {
  period: string;
  source: string;
  method: string;
  amount: string;
  entries: number;
}

/** Sums of cents per name, kept exact with bigint. */
class Totals {
  private readonly cents = new Map<string, bigint>();
  private readonly counts = new Map<string, number>();

  add(name: string, amount: string, entries: number): void {
    this.cents.set(name, (this.cents.get(name) ?? 0n) + toCents(amount));
    this.counts.set(name, (this.counts.get(name) ?? 0) + entries);
  }

  amount(name: string): string {
    return fromCents(this.cents.get(name) ?? 0n);
  }

  count(name: string): number {
    return this.counts.get(name) ?? 0;
  }
}

/** The revenue of a month by source, method and day, and the revenue trend over months. */
@Injectable()
export class RevenueReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: TenantCalendar,
  ) {}

  /**
   * A payment counts at its current value: a corrected payment adds nothing and its replacement
   * adds its own amount on its own date. Deleted sales add nothing.
   */
  async month(tenantId: string, branches: string[] | null, month: string) {
    const first = `${month}-01`;
    const last = lastDayOf(month);
    const rows = await this.read('revenue_daily', 'day', tenantId, branches, first, last);

    const totals = new Totals();
    for (const row of rows) {
      for (const name of [
        'total',
        row.source,
        row.method,
        row.period,
        `${row.period}|${row.source}`,
      ]) {
        totals.add(name, row.amount, row.entries);
      }
    }

    const days: string[] = [];
    for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
    return {
      month,
      total: totals.amount('total'),
      bySource: revenueSources.map((source) => ({
        source,
        amount: totals.amount(source),
        count: totals.count(source),
      })),
      byMethod: paymentMethods.map((method) => ({
        method,
        amount: totals.amount(method),
        count: totals.count(method),
      })),
      byDay: days.map((date) => ({
        date,
        total: totals.amount(date),
        membership: totals.amount(`${date}|MEMBERSHIP`),
        productSales: totals.amount(`${date}|PRODUCT_SALES`),
      })),
    };
  }

  /** Revenue per month by source for the last `months` months up to the current one, oldest first. */
  async trend(tenantId: string, branches: string[] | null, months: number) {
    const current = monthOf(await this.calendar.today(tenantId));
    const first = addMonths(current, 1 - months);
    const rows = await this.read('revenue_monthly', 'month', tenantId, branches, first, current);

    const totals = new Totals();
    for (const row of rows) {
      totals.add(row.period, row.amount, row.entries);
      totals.add(`${row.period}|${row.source}`, row.amount, row.entries);
    }
    return {
      months: Array.from({ length: months }, (_, index) => {
        const month = addMonths(first, index);
        return {
          month,
          total: totals.amount(month),
          membership: totals.amount(`${month}|MEMBERSHIP`),
          productSales: totals.amount(`${month}|PRODUCT_SALES`),
        };
      }),
    };
  }

  private read(
    table: 'revenue_daily' | 'revenue_monthly',
    period: 'day' | 'month',
    tenantId: string,
    branches: string[] | null,
    from: string,
    to: string,
  ): Promise<RevenueRow[]> {
    return this.dataSource.query(
      `SELECT ${period}::text AS period, source, method, SUM(amount)::text AS amount,
              SUM(entries)::int AS entries
         FROM ${s}.${table}
        WHERE tenant_id = $1 AND ${branchCondition(2)} AND ${period} BETWEEN $3 AND $4
        GROUP BY ${period}, source, method`,
      [tenantId, branches, from, to],
    );
  }
}
