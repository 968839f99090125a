import { addDays, lastDayOfMonth, previousMonth } from './history-window.js';
import { withClient } from './replicate-members.js';

/** One statement with its parameters, as reporting sends it. */
export interface Statement {
  sql: string;
  parameters: unknown[];
}

/** Reporting's branch condition on parameter $2, as its `branchCondition(2)` writes it. */
const everyBranch = '($2::uuid[] IS NULL OR branch_id = ANY($2::uuid[]))';

/**
 * Returns the statements reporting's DashboardService.summary sends for a user who sees every
 * branch: the tenant's zone, then status counts, memberships ending within 7 days, new members
 * of the month and the revenue of this and last month.
 */
export function dashboardSummaryStatements(tenantId: string, today: string): Statement[] {
  const month = today.slice(0, 7);
  const lastMonth = previousMonth(today);
  const weekLater = addDays(today, 7);
  return [
    { sql: 'SELECT timezone FROM reporting.tenants WHERE tenant_id = $1', parameters: [tenantId] },
    {
      sql: `SELECT status, SUM(members)::int AS members FROM reporting.member_status_counts
             WHERE tenant_id = $1 AND ${everyBranch} GROUP BY status`,
      parameters: [tenantId, null],
    },
    {
      sql: `SELECT COALESCE(SUM(members), 0)::int AS members FROM reporting.member_active_end_dates
             WHERE tenant_id = $1 AND ${everyBranch} AND end_date BETWEEN $3 AND $4`,
      parameters: [tenantId, null, today, weekLater],
    },
    {
      sql: `SELECT COALESCE(SUM(members), 0)::int AS members FROM reporting.member_new_counts
             WHERE tenant_id = $1 AND ${everyBranch} AND month = $3`,
      parameters: [tenantId, null, month],
    },
    {
      sql: `SELECT month, SUM(amount)::numeric(16,2)::text AS amount FROM reporting.revenue_monthly
             WHERE tenant_id = $1 AND ${everyBranch} AND month IN ($3, $4) GROUP BY month`,
      parameters: [tenantId, null, month, lastMonth],
    },
  ];
}

/** Returns the statement reporting's RevenueReportService.month sends for a month, every branch. */
export function revenueMonthStatements(tenantId: string, month: string): Statement[] {
  const lastDay = lastDayOfMonth(month);
  return [
    {
      sql: `SELECT day::text AS period, source, method, SUM(amount)::text AS amount,
                   SUM(entries)::int AS entries
              FROM reporting.revenue_daily
             WHERE tenant_id = $1 AND ${everyBranch} AND day BETWEEN $3 AND $4
             GROUP BY day, source, method`,
      parameters: [tenantId, null, `${month}-01`, lastDay],
    },
  ];
}

export interface StatementPlans {
  /** Sum of the statements' execution times, in milliseconds. */
  executionMs: number;
  /** The text output of EXPLAIN (ANALYZE, BUFFERS) of each statement. */
  plans: string[];
}

/** Runs EXPLAIN (ANALYZE, BUFFERS) on each statement against reporting's database. */
export async function explainStatements(
  databaseUrl: string,
  statements: Statement[],
): Promise<StatementPlans> {
  return withClient(databaseUrl, async (client) => {
    let executionMs = 0;
    const plans: string[] = [];
    for (const { sql, parameters } of statements) {
      const result = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
        parameters,
      );
      const lines = result.rows.map((row) => row['QUERY PLAN']);
      const execution = lines
        .map((line) => /^Execution Time: ([\d.]+) ms$/.exec(line))
        .find((match) => match !== null);
      if (!execution) throw new Error(`EXPLAIN output has no execution time:\n${lines.join('\n')}`);
      executionMs += Number(execution[1]);
      plans.push(lines.join('\n'));
    }
    return { executionMs, plans };
  });
}
