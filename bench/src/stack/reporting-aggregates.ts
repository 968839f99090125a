import { withClient } from './replicate-members.js';

/**
 * Statements that replace one tenant's ($1) membership revenue and member aggregates with the
 * sums of its fact rows, by the rules of reporting's payment and member projections: a payment
 * adds its amount and one entry to its day and month unless superseded; a member counts in its
 * status, as new in its creation month, as +1 in its term's first month and −1 in the month
 * after its last day (cut at the archive date), and by its end date while ACTIVE. Product
 * sales rows are not touched.
 */
const statements = [
  `DELETE FROM reporting.revenue_daily WHERE tenant_id = $1 AND source = 'MEMBERSHIP'`,
  `DELETE FROM reporting.revenue_monthly WHERE tenant_id = $1 AND source = 'MEMBERSHIP'`,
  `INSERT INTO reporting.revenue_daily (tenant_id, day, branch_id, source, method, amount, entries)
   SELECT tenant_id, paid_on, branch_id, 'MEMBERSHIP', method, SUM(amount), COUNT(*)
     FROM reporting.payment_facts
    WHERE tenant_id = $1 AND NOT superseded AND amount IS NOT NULL
    GROUP BY tenant_id, paid_on, branch_id, method`,
  `INSERT INTO reporting.revenue_monthly (tenant_id, month, branch_id, source, method, amount, entries)
   SELECT tenant_id, to_char(paid_on, 'YYYY-MM'), branch_id, 'MEMBERSHIP', method, SUM(amount),
          COUNT(*)
     FROM reporting.payment_facts
    WHERE tenant_id = $1 AND NOT superseded AND amount IS NOT NULL
    GROUP BY tenant_id, to_char(paid_on, 'YYYY-MM'), branch_id, method`,

  `DELETE FROM reporting.member_status_counts WHERE tenant_id = $1`,
  `DELETE FROM reporting.member_new_counts WHERE tenant_id = $1`,
  `DELETE FROM reporting.member_term_deltas WHERE tenant_id = $1`,
  `DELETE FROM reporting.member_active_end_dates WHERE tenant_id = $1`,
  `INSERT INTO reporting.member_status_counts (tenant_id, branch_id, status, members)
   SELECT tenant_id, branch_id, status, COUNT(*) FROM reporting.member_facts
    WHERE tenant_id = $1 GROUP BY tenant_id, branch_id, status`,
  `INSERT INTO reporting.member_new_counts (tenant_id, month, branch_id, members)
   SELECT tenant_id, to_char(created_on, 'YYYY-MM'), branch_id, COUNT(*) FROM reporting.member_facts
    WHERE tenant_id = $1 GROUP BY tenant_id, to_char(created_on, 'YYYY-MM'), branch_id`,
  `WITH terms AS (
     SELECT tenant_id, branch_id, term_start,
            CASE WHEN archived_on < term_end THEN archived_on ELSE term_end END AS last_day
       FROM reporting.member_facts WHERE tenant_id = $1),
   deltas AS (
     SELECT tenant_id, branch_id, to_char(term_start, 'YYYY-MM') AS month, 1 AS delta
       FROM terms WHERE last_day >= term_start
     UNION ALL
     SELECT tenant_id, branch_id,
            to_char(date_trunc('month', last_day) + interval '1 month', 'YYYY-MM'), -1
       FROM terms WHERE last_day >= term_start)
   INSERT INTO reporting.member_term_deltas (tenant_id, month, branch_id, delta)
   SELECT tenant_id, month, branch_id, SUM(delta) FROM deltas GROUP BY tenant_id, month, branch_id`,
  `INSERT INTO reporting.member_active_end_dates (tenant_id, end_date, branch_id, members)
   SELECT tenant_id, term_end, branch_id, COUNT(*) FROM reporting.member_facts
    WHERE tenant_id = $1 AND status = 'ACTIVE' GROUP BY tenant_id, term_end, branch_id`,
];

/**
 * Rebuilds one tenant's aggregates from its facts in one transaction. Call it only while none of
 * the tenant's events are in flight: a handler that creates an aggregate row meanwhile makes
 * the rebuild fail with a unique violation.
 */
export async function deriveReportingAggregates(
  reportingUrl: string,
  tenantId: string,
): Promise<void> {
  await withClient(reportingUrl, async (client) => {
    await client.query('BEGIN');
    try {
      for (const statement of statements) await client.query(statement, [tenantId]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  });
}

/** Runs VACUUM ANALYZE on `tables` after a bulk load, as autovacuum would after many inserts. */
export async function vacuumAnalyze(databaseUrl: string, tables: string[]): Promise<void> {
  await withClient(databaseUrl, async (client) => {
    for (const table of tables) await client.query(`VACUUM ANALYZE ${table}`);
  });
}
