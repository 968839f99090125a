import { percentile, probeLatencies } from '../load/latency-probe.js';
import type { Figure } from '../report/results.js';
import { startBenchStack, type BenchStack } from '../stack/bench-stack.js';
import { historyWindow, previousMonth } from '../stack/history-window.js';
import { istanbulToday } from '../stack/istanbul-date.js';
import { checkAgainstRebuild } from '../stack/rebuild-check.js';
import {
  dashboardSummaryStatements,
  explainStatements,
  revenueMonthStatements,
  type Statement,
} from '../stack/report-plan.js';
import { vacuumAnalyze } from '../stack/reporting-aggregates.js';
import {
  activeMembers,
  billingRevenue,
  loadTenantHistory,
  type TenantHistory,
} from '../stack/tenant-history.js';
import type { Scenario } from './scenario.js';

const LARGE = { members: 100_000, payments: 2_000_000, phoneOffset: 0 };
const SMALL = { members: 10_000, payments: 200_000, phoneOffset: LARGE.members };
/** A tenant loaded the same way and then rebuilt by reporting, to check the load's rules. */
const SAMPLE = { members: 1_000, payments: 20_000, phoneOffset: LARGE.members + SMALL.members };
const HISTORY_MONTHS = 24;
const REQUESTS_PER_RUN = 200;
const TARGET_P95_MS = 50;

interface Route {
  name: string;
  path: string;
  statements(tenantId: string): Statement[];
}

const thousands = (value: number) => value.toLocaleString('en-US');

/**
 * Waits until reporting shows the stack's setup payment and member, so no event of the large
 * tenant is in flight while its aggregates are derived from the facts.
 */
async function waitForSetupEvents(stack: BenchStack, month: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [revenue, summary] = await Promise.all([
      stack.flows.call('GET', `/api/v1/reports/revenue?month=${month}`, {
        token: stack.owner.accessToken,
      }),
      stack.flows.call('GET', '/api/v1/dashboard/summary', { token: stack.owner.accessToken }),
    ]);
    if (revenue.body?.total === '450.00' && summary.body?.members?.active === 1) return;
    if (Date.now() > deadline) {
      throw new Error(
        `reporting did not show the setup payment and member in 20 s: ${revenue.text} ${summary.text}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Compares one month of the revenue report and the dashboard's active members through the
 * gateway with billing's and membership's own tables, and fails on any difference.
 */
async function checkConsistency(
  stack: BenchStack,
  tenant: TenantHistory,
  month: string,
): Promise<string> {
  const token = tenant.owner.accessToken;
  const report = await stack.flows.call('GET', `/api/v1/reports/revenue?month=${month}`, { token });
  const summary = await stack.flows.call('GET', '/api/v1/dashboard/summary', { token });
  if (report.status !== 200 || summary.status !== 200)
    throw new Error(
      `report routes failed: ${report.status} ${report.text} ${summary.status} ${summary.text}`,
    );

  const expected = await billingRevenue(stack.billing.databaseUrl, tenant.owner.tenantId, month);
  const reported = {
    total: report.body.total as string,
    count: (report.body.bySource as { source: string; count: number }[]).find(
      (entry) => entry.source === 'MEMBERSHIP',
    )!.count,
  };
  if (reported.total !== expected.total || reported.count !== expected.count) {
    throw new Error(
      `revenue report of ${month} shows ${reported.total} in ${reported.count} payments, billing's table ${expected.total} in ${expected.count}`,
    );
  }
  const active = await activeMembers(stack.membership.databaseUrl, tenant.owner.tenantId);
  if (summary.body.members.active !== active) {
    throw new Error(
      `dashboard shows ${summary.body.members.active} active members, membership's table ${active}`,
    );
  }
  return `${month}: ${expected.total} in ${thousands(expected.count)} payments, ${thousands(active)} active members`;
}

/**
 * The dashboard summary and a month's revenue report through the gateway for a tenant with
 * 100,000 members and 2,000,000 payments, against a tenant 10× smaller on the same databases.
 */
export const reportScaleScenario: Scenario = {
  id: 'report-scale',
  title: `Reports for a tenant with ${thousands(LARGE.members)} members and ${thousands(LARGE.payments)} payments`,
  async run({ settings, log }) {
    const today = istanbulToday();
    const window = historyWindow(today, HISTORY_MONTHS);
    const checkedMonth = previousMonth(today);
    const routes: Route[] = [
      {
        name: 'dashboard summary',
        path: '/api/v1/dashboard/summary',
        statements: (tenantId) => dashboardSummaryStatements(tenantId, today),
      },
      {
        name: `revenue report of ${checkedMonth}`,
        path: `/api/v1/reports/revenue?month=${checkedMonth}`,
        statements: (tenantId) => revenueMonthStatements(tenantId, checkedMonth),
      },
    ];
    const series = () =>
      Object.fromEntries(
        routes.map(({ name }) => [name, { large: [] as number[], small: [] as number[] }]),
      );
    const p95 = series();
    const database = series();
    const loadSeconds: Record<string, number> = {};
    const checks: string[] = [];
    let rebuildSeconds = 0;

    const stack = await startBenchStack({ reporting: true, catalog: true });
    try {
      await waitForSetupEvents(stack, today.slice(0, 7));
      const smallOwner = await stack.flows.signUp('Kuzey Spor');
      const sampleOwner = await stack.flows.signUp('Güney Spor');

      let started = Date.now();
      const large = await loadTenantHistory(stack, stack.owner, LARGE, window, (step) =>
        log(`large tenant, ${step}`),
      );
      loadSeconds.large = (Date.now() - started) / 1000;
      started = Date.now();
      const small = await loadTenantHistory(stack, smallOwner, SMALL, window, (step) =>
        log(`small tenant, ${step}`),
      );
      loadSeconds.small = (Date.now() - started) / 1000;
      await loadTenantHistory(stack, sampleOwner, SAMPLE, window, (step) =>
        log(`sample tenant, ${step}`),
      );
      started = Date.now();
      await vacuumAnalyze(stack.billing.databaseUrl, [
        'billing.payments',
        'billing.member_replicas',
      ]);
      await vacuumAnalyze(stack.reporting!.databaseUrl, [
        'reporting.payment_facts',
        'reporting.member_facts',
        'reporting.revenue_daily',
        'reporting.revenue_monthly',
        'reporting.member_status_counts',
        'reporting.member_new_counts',
        'reporting.member_term_deltas',
        'reporting.member_active_end_dates',
      ]);
      loadSeconds.vacuum = (Date.now() - started) / 1000;
      log(
        `loaded in ${loadSeconds.large.toFixed(1)} s (large), ${loadSeconds.small.toFixed(1)} s (small), VACUUM ANALYZE ${loadSeconds.vacuum.toFixed(1)} s`,
      );

      for (const [size, tenant] of [
        ['large', large],
        ['small', small],
      ] as const) {
        checks.push(
          `${size === 'large' ? 'Large' : 'Small'} tenant ${await checkConsistency(stack, tenant, checkedMonth)}`,
        );
        log(`consistent: ${checks.at(-1)}`);
      }

      rebuildSeconds = await checkAgainstRebuild(
        stack.flows,
        stack.reporting!,
        sampleOwner,
        checkedMonth,
      );
      log(
        `sample tenant reads the same after reporting's rebuild (${rebuildSeconds.toFixed(1)} s)`,
      );

      for (let run = 1; run <= settings.runs; run += 1) {
        for (const route of routes) {
          for (const [size, tenant] of [
            ['small', small],
            ['large', large],
          ] as const) {
            const plans = await explainStatements(
              stack.reporting!.databaseUrl,
              route.statements(tenant.owner.tenantId),
            );
            database[route.name]![size].push(plans.executionMs);
            const samples = await probeLatencies(
              `${stack.gateway.baseUrl}${route.path}`,
              { authorization: `Bearer ${tenant.owner.accessToken}` },
              { count: REQUESTS_PER_RUN, maxSeconds: 60 },
            );
            p95[route.name]![size].push(percentile(samples, 95));
            if (run === settings.runs && size === 'large') {
              log(
                `EXPLAIN (ANALYZE, BUFFERS) of the ${route.name}, large tenant:\n${plans.plans.join('\n\n')}`,
              );
            }
          }
          log(
            `run ${run} ${route.name}: p95 large ${p95[route.name]!.large.at(-1)!.toFixed(1)} ms, small ${p95[route.name]!.small.at(-1)!.toFixed(1)} ms`,
          );
        }
      }
    } finally {
      await stack.close();
    }

    const baselineLabel = `${thousands(SMALL.members)} members, ${thousands(SMALL.payments)} payments`;
    const figures: Figure[] = routes.flatMap(({ name, path }) => [
      {
        label: `${name} (GET ${path.replace(/\?.*/, '')}), p95`,
        unit: 'ms',
        runs: p95[name]!.large,
        baseline: { label: baselineLabel, unit: 'ms', runs: p95[name]!.small },
        targets: [{ on: 'value', op: '<=', limit: TARGET_P95_MS }],
      },
      {
        label: `${name}, its statements in PostgreSQL (EXPLAIN ANALYZE)`,
        unit: 'ms',
        runs: database[name]!.large,
        baseline: { label: baselineLabel, unit: 'ms', runs: database[name]!.small },
      },
    ]);
    return {
      figures,
      notes: [
        `Both tenants are bulk-loaded with generate_series, because replaying ${thousands(LARGE.payments + SMALL.payments)} payments through the API would take hours on this machine and measure the write path instead. ACTIVE members go into membership's \`members\` table and are copied into billing's member replicas and reporting's member facts. The same payments (ids md5(tenant:i), 100.00–999.99, all four methods every day) go into billing's \`payments\` table and reporting's \`payment_facts\`, spread over the ${HISTORY_MONTHS} months from ${window.firstDay} to ${window.lastDay} in the tenant's one branch. Reporting's revenue and member aggregates are then derived from its facts with GROUP BY by the projections' rules. Loading took ${loadSeconds.large?.toFixed(1)} s for the large tenant, ${loadSeconds.small?.toFixed(1)} s for the small one and ${loadSeconds.vacuum?.toFixed(1)} s for VACUUM ANALYZE.`,
        `Before the probes the run checks the load: the revenue report of ${checkedMonth} through the gateway must show the total and count of billing's RECORDED payments of that month (SQL sum over \`billing.payments\`), and the dashboard the number of ACTIVE members in membership's table; any difference fails the run. ${checks.join('; ')}. The load's rules are checked against reporting's own handlers on a third tenant of ${thousands(SAMPLE.members)} members and ${thousands(SAMPLE.payments)} payments loaded the same way: after \`npm run rebuild\` of reporting for that tenant (${rebuildSeconds.toFixed(1)} s), which replays the owners' rows as events, the dashboard summary, monthly members, revenue report and revenue trend must read the same as before.`,
        `Each run sends ${REQUESTS_PER_RUN} sequential requests per route and tenant through the gateway as the gym's owner (every branch) and takes their 95th percentile. The PostgreSQL figure is the sum of the execution times EXPLAIN (ANALYZE, BUFFERS) reports for the statements reporting sends for that route, taken just before the probe.`,
      ],
    };
  },
};
