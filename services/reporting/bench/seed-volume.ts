import type { DataSource, EntityManager } from 'typeorm';
import { REPORTING_SCHEMA } from '../src/database/schema.js';

const s = REPORTING_SCHEMA;

export interface Volume {
  payments: number;
  members: number;
  branches: number;
  products: number;
  /** Days of history, ending on `lastDay`. */
  days: number;
  lastDay: string;
}

/**
 * Writes one tenant's facts with SQL and derives the aggregate rows from them with GROUP BY, as
 * the event handlers would have left them, so the routes are measured on a realistic table size
 * without replaying millions of events. Every 50th payment is a superseded original.
 */
export async function seedVolume(dataSource: DataSource, tenantId: string, volume: Volume) {
  return dataSource.transaction(async (manager) => {
    // Inserting millions of rows takes longer than the service's statement timeout.
    await manager.query('SET LOCAL statement_timeout = 0');
    return seed(manager, tenantId, volume);
  });
}

async function seed(manager: EntityManager, tenantId: string, volume: Volume) {
  const branches = Array.from({ length: volume.branches }, () => crypto.randomUUID());
  const first = `(date '${volume.lastDay}' - ${volume.days - 1})`;
  const branchAt = (index: string) => `($2::uuid[])[1 + (${index}) % ${volume.branches}]`;
  const run = (sql: string, parameters: unknown[] = [tenantId, branches]) =>
    manager.query(sql, parameters);

  await run(
    `INSERT INTO ${s}.payment_facts (payment_id, tenant_id, branch_id, paid_on, method, amount, superseded)
     SELECT gen_random_uuid(), $1, ${branchAt('i')}, ${first} + (i % ${volume.days}),
            (ARRAY['CASH', 'CREDIT_CARD', 'BANK_TRANSFER', 'OTHER'])[1 + i % 4],
            (100 + i % 900)::numeric(12,2), i % 50 = 0
       FROM generate_series(1, ${volume.payments}) AS i`,
  );
  await run(
    `INSERT INTO ${s}.revenue_daily (tenant_id, day, branch_id, source, method, amount, entries)
     SELECT tenant_id, paid_on, branch_id, 'MEMBERSHIP', method, SUM(amount), COUNT(*)
       FROM ${s}.payment_facts WHERE tenant_id = $1 AND NOT superseded
      GROUP BY tenant_id, paid_on, branch_id, method`,
    [tenantId],
  );
  await run(
    `INSERT INTO ${s}.revenue_monthly (tenant_id, month, branch_id, source, method, amount, entries)
     SELECT tenant_id, to_char(paid_on, 'YYYY-MM'), branch_id, 'MEMBERSHIP', method, SUM(amount), COUNT(*)
       FROM ${s}.payment_facts WHERE tenant_id = $1 AND NOT superseded
      GROUP BY tenant_id, to_char(paid_on, 'YYYY-MM'), branch_id, method`,
    [tenantId],
  );

  // Half of the products sell on a given day in a given branch.
  await run(
    `INSERT INTO ${s}.products (product_id, tenant_id, name)
     SELECT gen_random_uuid(), $1, 'Ürün ' || p FROM generate_series(1, ${volume.products}) AS p`,
    [tenantId],
  );
  await run(
    `INSERT INTO ${s}.product_sales_daily (tenant_id, day, branch_id, product_id, quantity, revenue)
     SELECT $1, ${first} + d, b.branch_id, p.product_id, 1 + (d + p.n) % 7, (1 + (d + p.n) % 7) * 25
       FROM generate_series(0, ${volume.days - 1}) AS d
      CROSS JOIN unnest($2::uuid[]) AS b(branch_id)
      CROSS JOIN (SELECT product_id, row_number() OVER () AS n FROM ${s}.products WHERE tenant_id = $1) AS p
      WHERE (d + p.n) % 2 = 0`,
  );

  await run(
    `INSERT INTO ${s}.product_sales_monthly (tenant_id, month, branch_id, product_id, quantity, revenue)
     SELECT tenant_id, to_char(day, 'YYYY-MM'), branch_id, product_id, SUM(quantity), SUM(revenue)
       FROM ${s}.product_sales_daily WHERE tenant_id = $1 GROUP BY 1, 2, 3, 4`,
    [tenantId],
  );
  await run(
    `INSERT INTO ${s}.member_facts (member_id, tenant_id, branch_id, status, created_on, term_start,
       term_end, archived_on, source_occurred_at)
     SELECT gen_random_uuid(), $1, ${branchAt('i')},
            (ARRAY['ACTIVE', 'ACTIVE', 'PASSIVE', 'FROZEN', 'ARCHIVED'])[1 + i % 5],
            ${first} + (i % ${volume.days}), ${first} + (i % ${volume.days}),
            ${first} + (i % ${volume.days}) + 30 * (1 + i % 12), NULL, now()
       FROM generate_series(1, ${volume.members}) AS i`,
  );
  await run(
    `INSERT INTO ${s}.member_status_counts (tenant_id, branch_id, status, members)
     SELECT tenant_id, branch_id, status, COUNT(*) FROM ${s}.member_facts WHERE tenant_id = $1
      GROUP BY tenant_id, branch_id, status`,
    [tenantId],
  );
  await run(
    `INSERT INTO ${s}.member_new_counts (tenant_id, month, branch_id, members)
     SELECT tenant_id, to_char(created_on, 'YYYY-MM'), branch_id, COUNT(*)
       FROM ${s}.member_facts WHERE tenant_id = $1 GROUP BY 1, 2, 3`,
    [tenantId],
  );
  await run(
    `INSERT INTO ${s}.member_term_deltas (tenant_id, month, branch_id, delta)
     SELECT tenant_id, month, branch_id, SUM(delta) FROM (
       SELECT tenant_id, to_char(term_start, 'YYYY-MM') AS month, branch_id, 1 AS delta
         FROM ${s}.member_facts WHERE tenant_id = $1
       UNION ALL
       SELECT tenant_id, to_char(term_end + interval '1 month', 'YYYY-MM'), branch_id, -1
         FROM ${s}.member_facts WHERE tenant_id = $1) AS deltas
      GROUP BY 1, 2, 3`,
    [tenantId],
  );
  await run(
    `INSERT INTO ${s}.member_active_end_dates (tenant_id, end_date, branch_id, members)
     SELECT tenant_id, term_end, branch_id, COUNT(*) FROM ${s}.member_facts
      WHERE tenant_id = $1 AND status = 'ACTIVE' GROUP BY 1, 2, 3`,
    [tenantId],
  );
  await manager.query(`ANALYZE`);
  return { branches };
}
