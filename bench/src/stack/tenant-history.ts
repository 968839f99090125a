import { createPlanOnceReplicated, type GymOwner } from '@gym/stack';
import type { BenchStack } from './bench-stack.js';
import { insertMembers } from './bulk-members.js';
import { insertPayments } from './bulk-payments.js';
import type { HistoryWindow } from './history-window.js';
import { deriveReportingAggregates } from './reporting-aggregates.js';
import { replicateMembers, withClient } from './replicate-members.js';

/** A gym with a bulk-loaded history. */
export interface TenantHistory {
  owner: GymOwner;
  members: number;
  payments: number;
}

/** Returns the user id (`sub`) of an access token, which billing stores as `recorded_by`. */
export function userIdOf(accessToken: string): string {
  const payload = accessToken.split('.')[1];
  if (!payload) throw new Error('the access token is not a JWT');
  const { sub } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    sub?: unknown;
  };
  if (typeof sub !== 'string') throw new Error('the access token has no sub claim');
  return sub;
}

/**
 * Loads `members` ACTIVE members into membership, copies them into billing's and reporting's
 * replicas, inserts `payments` payments over `window` into billing and reporting, and derives
 * reporting's aggregates from its facts. `phoneOffset` keeps the phones of two tenants apart.
 * The tenant's events must all have reached reporting before the call. Logs each step's time.
 */
export async function loadTenantHistory(
  stack: BenchStack,
  owner: GymOwner,
  sizes: { members: number; payments: number; phoneOffset: number },
  window: HistoryWindow,
  log: (message: string) => void,
): Promise<TenantHistory> {
  const branch = await stack.flows.defaultBranch(owner);
  const plan =
    owner === stack.owner
      ? stack.plan
      : await createPlanOnceReplicated(stack.flows, owner, branch.id);
  const urls = {
    membership: stack.membership.databaseUrl,
    billing: stack.billing.databaseUrl,
    reporting: stack.reporting!.databaseUrl,
  };

  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const result = await work();
    log(`${step}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  };

  await timed(`${sizes.members} members into membership`, () =>
    insertMembers(
      urls.membership,
      { tenantId: owner.tenantId, branchId: branch.id, planId: plan.id },
      sizes.members,
      sizes.phoneOffset,
    ),
  );
  const memberIds = await timed('members into billing and reporting', () =>
    replicateMembers(urls, owner.tenantId),
  );
  await insertPayments(
    urls,
    {
      tenantId: owner.tenantId,
      branchId: branch.id,
      memberIds,
      recordedBy: userIdOf(owner.accessToken),
      count: sizes.payments,
      window,
    },
    (message) => log(`${sizes.payments} payments, ${message}`),
  );
  await timed('reporting aggregates from facts', () =>
    deriveReportingAggregates(urls.reporting, owner.tenantId),
  );
  return { owner, members: sizes.members, payments: sizes.payments };
}

/** Sums the RECORDED payments of one tenant and month in billing's own table. */
export async function billingRevenue(
  billingUrl: string,
  tenantId: string,
  month: string,
): Promise<{ total: string; count: number }> {
  return withClient(billingUrl, async (client) => {
    const result = await client.query<{ total: string; count: number }>(
      `SELECT COALESCE(SUM(amount), 0)::numeric(16,2)::text AS total, COUNT(*)::int AS count
         FROM billing.payments
        WHERE tenant_id = $1 AND status = 'RECORDED' AND to_char(paid_on, 'YYYY-MM') = $2`,
      [tenantId, month],
    );
    return result.rows[0]!;
  });
}

/** Counts the ACTIVE members of one tenant in membership's own table. */
export async function activeMembers(membershipUrl: string, tenantId: string): Promise<number> {
  return withClient(membershipUrl, async (client) => {
    const result = await client.query<{ count: number }>(
      `SELECT COUNT(*)::int AS count FROM membership.members
        WHERE tenant_id = $1 AND status = 'ACTIVE'`,
      [tenantId],
    );
    return result.rows[0]!.count;
  });
}
