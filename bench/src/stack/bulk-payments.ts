import type { HistoryWindow } from './history-window.js';
import { withClient } from './replicate-members.js';

export interface PaymentHistory {
  tenantId: string;
  branchId: string;
  /** Members the payments are spread over, in turn. */
  memberIds: string[];
  /** The user billing stores as having recorded each payment. */
  recordedBy: string;
  count: number;
  window: HistoryWindow;
}

/**
 * The generated payments, from parameters $1 tenant id, $2 first day, $3 days in the window and
 * $4 count. Both databases run this same statement, so billing's rows and reporting's facts are
 * the same payments: ids are md5(tenant:i), days go round the window, every day has all four
 * methods, and amounts run from 100.00 to 999.99.
 */
const generatedPayments = `
  SELECT i, md5($1::uuid::text || ':' || i)::uuid AS id,
         ((10000 + i % 90000) / 100.0)::numeric(12,2) AS amount,
         (ARRAY['CASH', 'CREDIT_CARD', 'BANK_TRANSFER', 'OTHER'])[1 + (i / $3::int) % 4] AS method,
         $2::date + i % $3::int AS paid_on
    FROM generate_series(1, $4::int) AS i`;

/**
 * Inserts the same RECORDED payments into billing's `payments` table and reporting's
 * `payment_facts`, without events, outbox rows or idempotency keys, and logs each insert's time.
 * Reporting's aggregates are not touched: `deriveReportingAggregates` rebuilds them from the facts.
 */
export async function insertPayments(
  urls: { billing: string; reporting: string },
  history: PaymentHistory,
  log: (message: string) => void = () => undefined,
): Promise<void> {
  const generated = [history.tenantId, history.window.firstDay, history.window.days, history.count];

  let started = Date.now();
  await withClient(urls.billing, (client) =>
    client.query(
      `INSERT INTO billing.payments (id, tenant_id, member_id, branch_id, amount, method, paid_on,
         status, recorded_by, created_at)
       SELECT g.id, $1::uuid, ($5::uuid[])[1 + g.i % cardinality($5::uuid[])], $6, g.amount,
              g.method, g.paid_on, 'RECORDED', $7,
              g.paid_on + make_interval(hours => 7, secs => g.i % 50000)
         FROM (${generatedPayments}) AS g`,
      [...generated, history.memberIds, history.branchId, history.recordedBy],
    ),
  );
  log(`billing.payments insert: ${((Date.now() - started) / 1000).toFixed(1)} s`);

  started = Date.now();
  await withClient(urls.reporting, (client) =>
    client.query(
      `INSERT INTO reporting.payment_facts (payment_id, tenant_id, branch_id, paid_on, method,
         amount, superseded)
       SELECT g.id, $1::uuid, $5, g.paid_on, g.method, g.amount, false
         FROM (${generatedPayments}) AS g`,
      [...generated, history.branchId],
    ),
  );
  log(`reporting.payment_facts insert: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
