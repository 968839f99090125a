import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { branchCondition } from '../common/branch-scope.js';
import { TenantCalendar } from '../common/tenant-calendar.js';
import { REPORTING_SCHEMA } from '../database/schema.js';
import { addDays, addMonths, monthOf } from '../projections/calendar.js';

const s = REPORTING_SCHEMA;

/** Days ahead, today included, in which an ACTIVE membership ending counts as expiring. */
export const EXPIRING_WITHIN_DAYS = 7;

/** The dashboard's figures, each read from a pre-aggregated table in a handful of rows. */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: TenantCalendar,
  ) {}

  async summary(tenantId: string, branches: string[] | null) {
    const today = await this.calendar.today(tenantId);
    const month = monthOf(today);
    const lastMonth = addMonths(month, -1);
    const scope = branchCondition(2);
    const query = this.dataSource.query.bind(this.dataSource);

    const [statuses, expiring, created, revenue] = await Promise.all([
      query(
        `SELECT status, SUM(members)::int AS members FROM ${s}.member_status_counts
          WHERE tenant_id = $1 AND ${scope} GROUP BY status`,
        [tenantId, branches],
      ) as Promise<{ status: string; members: number }[]>,
      query(
        `SELECT COALESCE(SUM(members), 0)::int AS members FROM ${s}.member_active_end_dates
          WHERE tenant_id = $1 AND ${scope} AND end_date BETWEEN $3 AND $4`,
        [tenantId, branches, today, addDays(today, EXPIRING_WITHIN_DAYS)],
      ) as Promise<{ members: number }[]>,
      query(
        `SELECT COALESCE(SUM(members), 0)::int AS members FROM ${s}.member_new_counts
          WHERE tenant_id = $1 AND ${scope} AND month = $3`,
        [tenantId, branches, month],
      ) as Promise<{ members: number }[]>,
      query(
        `SELECT month, SUM(amount)::numeric(16,2)::text AS amount FROM ${s}.revenue_monthly
          WHERE tenant_id = $1 AND ${scope} AND month IN ($3, $4) GROUP BY month`,
        [tenantId, branches, month, lastMonth],
      ) as Promise<{ month: string; amount: string }[]>,
    ]);

    const status = (name: string) => statuses.find((row) => row.status === name)?.members ?? 0;
    const revenueOf = (name: string) => revenue.find((row) => row.month === name)?.amount ?? '0.00';
    return {
      today,
      month,
      members: {
        active: status('ACTIVE'),
        frozen: status('FROZEN'),
        passive: status('PASSIVE'),
        expiringWithin7Days: expiring[0]!.members,
        newThisMonth: created[0]!.members,
      },
      revenue: { thisMonth: revenueOf(month), lastMonth: revenueOf(lastMonth) },
    };
  }

  /**
   * New members per month and members whose term covered at least one day of the month, for the
   * last `months` months up to the current one, oldest first.
   */
  async monthlyMembers(tenantId: string, branches: string[] | null, months: number) {
    const current = monthOf(await this.calendar.today(tenantId));
    const first = addMonths(current, 1 - months);
    const scope = branchCondition(2);

    const [created, before, deltas] = await Promise.all([
      this.dataSource.query(
        `SELECT month, SUM(members)::int AS members FROM ${s}.member_new_counts
          WHERE tenant_id = $1 AND ${scope} AND month BETWEEN $3 AND $4 GROUP BY month`,
        [tenantId, branches, first, current],
      ) as Promise<{ month: string; members: number }[]>,
      this.dataSource.query(
        `SELECT COALESCE(SUM(delta), 0)::int AS members FROM ${s}.member_term_deltas
          WHERE tenant_id = $1 AND ${scope} AND month < $3`,
        [tenantId, branches, first],
      ) as Promise<{ members: number }[]>,
      this.dataSource.query(
        `SELECT month, SUM(delta)::int AS delta FROM ${s}.member_term_deltas
          WHERE tenant_id = $1 AND ${scope} AND month BETWEEN $3 AND $4 GROUP BY month`,
        [tenantId, branches, first, current],
      ) as Promise<{ month: string; delta: number }[]>,
    ]);

    let active = before[0]!.members;
    const data = Array.from({ length: months }, (_, index) => {
      const month = addMonths(first, index);
      active += deltas.find((row) => row.month === month)?.delta ?? 0;
      const newMembers = created.find((row) => row.month === month)?.members ?? 0;
      return { month, newMembers, activeMembers: active };
    });
    return { months: data };
  }
}
