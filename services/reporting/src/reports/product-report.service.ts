import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException } from '@gym/errors';
import { branchCondition } from '../common/branch-scope.js';
import type { ProductReportQuery } from '../common/report-query.dto.js';
import { REPORTING_SCHEMA } from '../database/schema.js';
import { addDays } from '../projections/calendar.js';

const s = REPORTING_SCHEMA;

/** Maximum range of the products report in days, so one request reads a bounded number of daily rows. */
export const MAX_PRODUCT_REPORT_DAYS = 366;

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

    const rows: ProductRow[] = await this.dataSource.query(
      `SELECT d.product_id AS "productId", p.name, p.sku,
              SUM(d.quantity)::int AS quantity, SUM(d.revenue)::numeric(16,2)::text AS revenue,
              COUNT(*) OVER ()::int AS total
         FROM ${s}.product_sales_daily d
         LEFT JOIN ${s}.products p ON p.product_id = d.product_id
        WHERE d.tenant_id = $1 AND ${branchCondition(2, 'd')} AND d.day BETWEEN $3 AND $4
        GROUP BY d.product_id, p.name, p.sku
       HAVING SUM(d.quantity) <> 0 OR SUM(d.revenue) <> 0
        ORDER BY SUM(d.quantity) DESC, SUM(d.revenue) DESC, d.product_id
        LIMIT $5 OFFSET $6`,
      [tenantId, branches, from, to, query.limit, (query.page - 1) * query.limit],
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
      `SELECT count(*)::int AS total FROM (
         SELECT 1 FROM ${s}.product_sales_daily d
          WHERE d.tenant_id = $1 AND ${branchCondition(2, 'd')} AND d.day BETWEEN $3 AND $4
          GROUP BY d.product_id
         HAVING SUM(d.quantity) <> 0 OR SUM(d.revenue) <> 0) products`,
      [tenantId, branches, query.from, query.to],
    );
    return rows[0]!.total;
  }
}
