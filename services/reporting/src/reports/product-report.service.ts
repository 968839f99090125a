import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException } from '@gym/errors';
import { branchCondition } from '../common/branch-scope.js';
import type { ProductReportQuery } from '../common/report-query.dto.js';
import { REPORTING_SCHEMA } from '../database/schema.js';
import { addDays, addMonths, lastDayOf, monthOf } from '../projections/calendar.js';

const s = REPORTING_SCHEMA;

/** Maximum range of the products report in days, so one request reads a bounded number of rows. */
export const MAX_PRODUCT_REPORT_DAYS = 366;

/**
 * Product sales of the range: whole months from the monthly rows, the days before the first and
 * after the last whole month from the daily rows. Parameters: $1 tenant, $2 branch scope, $3–$4
 * the range, $5–$6 the days the whole months cover, $7–$8 those months.
 */
const salesInRangeSql = `
  SELECT product_id, quantity, revenue FROM ${s}.product_sales_daily
   WHERE tenant_id = $1 AND ${branchCondition(2)} AND day BETWEEN $3 AND $4
     AND NOT (day BETWEEN $5 AND $6)
  UNION ALL
  SELECT product_id, quantity, revenue FROM ${s}.product_sales_monthly
   WHERE tenant_id = $1 AND ${branchCondition(2)} AND month BETWEEN $7 AND $8`;

/**
 * Splits `from`–`to` into the whole months inside it and returns the range, the first and last
 * day those months cover, and the months. Without a whole month, the covered days are empty.
 */
export function splitRange(from: string, to: string): string[] {
  const firstMonth = from.endsWith('-01') ? monthOf(from) : addMonths(monthOf(from), 1);
  const lastMonth = to === lastDayOf(monthOf(to)) ? monthOf(to) : addMonths(monthOf(to), -1);
  if (firstMonth > lastMonth) return [from, to, addDays(to, 1), from, firstMonth, lastMonth];
  return [from, to, `${firstMonth}-01`, lastDayOf(lastMonth), firstMonth, lastMonth];
}

interface ProductRow {
  productId: string;
  name: string | null;
  sku: string | null;
  quantity: number;
  revenue: string;
  total: number;
}

/** Quantity and revenue per product over a date range, best sellers first, one page at a time. */
@Injectable()
export class ProductReportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async products(tenantId: string, branches: string[] | null, query: ProductReportQuery) {
    const { from, to } = query;
    if (from > to) throw new AppException('INVALID_DATE_RANGE', { from, to });
    if (addDays(from, MAX_PRODUCT_REPORT_DAYS - 1) < to) {
      throw new AppException('DATE_RANGE_TOO_LONG', { from, to, maxDays: MAX_PRODUCT_REPORT_DAYS });
    }

    const range = [tenantId, branches, ...splitRange(from, to)];
    const rows: ProductRow[] = await this.dataSource.query(
      `WITH sales AS (${salesInRangeSql})
       SELECT sales.product_id AS "productId", p.name, p.sku,
              SUM(sales.quantity)::int AS quantity,
              SUM(sales.revenue)::numeric(16,2)::text AS revenue,
              COUNT(*) OVER ()::int AS total
         FROM sales LEFT JOIN ${s}.products p ON p.product_id = sales.product_id
        GROUP BY sales.product_id, p.name, p.sku
       HAVING SUM(sales.quantity) <> 0 OR SUM(sales.revenue) <> 0
        ORDER BY SUM(sales.quantity) DESC, SUM(sales.revenue) DESC, sales.product_id
        LIMIT $9 OFFSET $10`,
      [...range, query.limit, (query.page - 1) * query.limit],
    );
    const total =
      rows[0]?.total ?? (query.page > 1 ? await this.count(tenantId, branches, query) : 0);
    return {
      data: rows.map(({ total: _total, ...row }) => row),
      meta: { page: query.page, limit: query.limit, total },
    };
  }

  /** Counts the products of the range, for a page past the last one. */
  private async count(tenantId: string, branches: string[] | null, query: ProductReportQuery) {
    const rows: { total: number }[] = await this.dataSource.query(
      `WITH sales AS (${salesInRangeSql})
       SELECT count(*)::int AS total FROM (
         SELECT 1 FROM sales GROUP BY product_id
         HAVING SUM(quantity) <> 0 OR SUM(revenue) <> 0) products`,
      [tenantId, branches, ...splitRange(query.from, query.to)],
    );
    return rows[0]!.total;
  }
}
