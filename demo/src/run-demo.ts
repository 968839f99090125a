import { DateTime } from 'luxon';
import type { DemoContext } from './demo-context.js';
import { buildDemoData } from './demo-data.js';
import { localToday, previousMonth } from './demo-month.js';
import { DEFAULT_MEMBER_COUNT, DEFAULT_SEED } from './demo-size.js';
import { GatewayClient } from './gateway-client.js';
import { setUpBranchesAndPlans, signUpGym, type Owner } from './gym-setup.js';
import { importMembers } from './member-import.js';
import { changeMemberships } from './membership-changes.js';
import { lockMonth, recordPayments } from './payments-step.js';
import { sellProducts } from './product-sales.js';
import { Progress } from './progress.js';
import { checkReports } from './report-checks.js';
import { checkLedgerAgainstPlan, printLedger, readServiceLedger } from './service-ledger.js';

export interface DemoOptions {
  gatewayUrl: string;
  /** Folder of identity's file mail transport (`.dev/mail` under `npm start`). */
  mailDir: string;
  writeLine: (line: string) => void;
  members?: number;
  /** Members join and the shop sells on the first `days` days of the month; all of it by default. */
  days?: number;
  seed?: string;
  owner?: Owner;
  now?: Date;
  /** How long reporting may take to show the month; 60 s by default. */
  reportTimeoutMs?: number;
  /** Fail instead of skipping when the gateway routes no products or no reports. */
  require?: { catalog?: boolean; reporting?: boolean };
}

export interface DemoResult {
  tenantId: string;
  month: string;
  /** Whether products and sales were part of the run, and whether the reports were checked. */
  catalog: boolean;
  reporting: boolean;
  /** One line per check that failed; empty when the month adds up everywhere. */
  failures: string[];
  rateLimitedCount: number;
}

/** Drives a gym's month through the gateway and checks the totals; see the README. */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const progress = new Progress(options.writeLine);
  const client = new GatewayClient(options.gatewayUrl, (seconds) =>
    progress.info(`429 from the gateway: waiting ${seconds} s as Retry-After asks`),
  );
  const now = options.now ?? new Date();
  const owner = options.owner ?? {
    email: `demo-${now.getTime().toString(36)}@example.com`,
    password: 'Kule-Demir-42!x',
  };

  const tenant = await signUpGym(client, progress, owner, options.mailDir);
  const month = previousMonth(now, tenant.timezone);
  const days = options.days ?? DateTime.fromISO(`${month}-01`).daysInMonth!;
  const size = {
    seed: options.seed ?? DEFAULT_SEED,
    month,
    members: options.members ?? DEFAULT_MEMBER_COUNT,
    days,
  };
  const today = localToday(now, tenant.timezone);
  const context: DemoContext = {
    client,
    progress,
    data: buildDemoData(size, today),
    today,
    branchIds: new Map(),
    planIds: new Map(),
    memberIds: new Map(),
    productIds: new Map(),
  };
  const catalog = await isRouted(client, '/api/v1/products', options.require?.catalog);
  const reporting = await isRouted(client, '/api/v1/dashboard/summary', options.require?.reporting);
  progress.info(
    `the month is ${month} (${tenant.timezone}); seed "${size.seed}"; ${size.members} members over ${days} days`,
  );

  await setUpBranchesAndPlans(context);
  await importMembers(context);
  await recordPayments(context);
  await changeMemberships(context);
  if (catalog) await sellProducts(context);
  else progress.step('Skipping products and sales: the gateway routes no /products');
  await lockMonth(context);

  const ledger = await readServiceLedger(context, catalog);
  printLedger(context, ledger);
  const failures = checkLedgerAgainstPlan(context, ledger, catalog);
  if (reporting) {
    const differences = await checkReports(
      context,
      ledger,
      catalog,
      options.reportTimeoutMs ?? 60_000,
    );
    failures.push(...differences.map((line) => `report vs services, ${line}`));
  } else {
    progress.step('Skipping the reports: the gateway routes no /dashboard or /reports');
  }

  progress.step(failures.length === 0 ? 'Every check passed' : `${failures.length} checks failed`);
  for (const failure of failures) progress.info(`✗ ${failure}`);
  progress.info(`429 Too Many Requests waited out: ${client.rateLimitedCount}`);
  return {
    tenantId: tenant.id,
    month,
    catalog,
    reporting,
    failures,
    rateLimitedCount: client.rateLimitedCount,
  };
}

/** False when the gateway has no route for the path (404 ROUTE_NOT_FOUND) and `required` is not set. */
async function isRouted(client: GatewayClient, path: string, required = false): Promise<boolean> {
  const answer = await client.send<{ code?: string }>('GET', path, { query: { limit: 1 } });
  const routed = !(answer.status === 404 && answer.body?.code === 'ROUTE_NOT_FOUND');
  if (!routed && required) throw new Error(`The gateway routes no ${path}`);
  return routed;
}
