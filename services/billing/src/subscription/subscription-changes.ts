import type { EntityManager } from 'typeorm';
import { enqueueEvent } from '@gym/messaging';
import { BILLING_SCHEMA } from '../database/schema.js';
import type { SubscriptionStatus } from './subscription.entity.js';

const s = BILLING_SCHEMA;

/** The plan every tenant starts on; the platform sells one plan so far. */
export const DEFAULT_PLAN = 'STANDARD';

export const SUBSCRIPTION_STATUS_CHANGED = 'billing.subscription.status-changed';

interface SubscriptionRow {
  tenant_id: string;
  status: SubscriptionStatus;
  plan: string;
  trial_ends_at: Date;
  status_changed_at: Date;
}

/** Origin of a subscription status change, carried in the event for audit. */
export type StatusChangeSource = 'signup' | 'operator' | 'daily-job';

async function publishStatusChange(
  manager: EntityManager,
  row: SubscriptionRow,
  previousStatus: SubscriptionStatus | null,
  source: StatusChangeSource,
): Promise<void> {
  await enqueueEvent(manager, {
    type: SUBSCRIPTION_STATUS_CHANGED,
    tenantId: row.tenant_id,
    data: {
      tenantId: row.tenant_id,
      status: row.status,
      previousStatus,
      plan: row.plan,
      trialEndsAt: new Date(row.trial_ends_at).toISOString(),
      changedAt: new Date(row.status_changed_at).toISOString(),
      source,
    },
  });
}

/**
 * Starts a tenant's trial of `trialDays` days from the signup instant, in the caller's
 * transaction. A tenant that already has a subscription keeps it, so a redelivered signup event
 * changes nothing. Returns whether a trial was started.
 */
export async function startTrial(
  manager: EntityManager,
  tenantId: string,
  signedUpAt: string,
  trialDays: number,
): Promise<boolean> {
  const rows: SubscriptionRow[] = await manager.query(
    `INSERT INTO ${s}.subscriptions (tenant_id, status, plan, trial_ends_at, status_changed_at)
     VALUES ($1, 'TRIAL', $2, $3::timestamptz + make_interval(days => $4), now())
     ON CONFLICT (tenant_id) DO NOTHING
     RETURNING tenant_id, status, plan, trial_ends_at, status_changed_at`,
    [tenantId, DEFAULT_PLAN, signedUpAt, trialDays],
  );
  if (rows.length === 0) return false;

  await publishStatusChange(manager, rows[0]!, null, 'signup');
  return true;
}

/**
 * Sets a tenant's subscription status in the caller's transaction and publishes the change.
 * Returns the previous status, or undefined when the tenant has no subscription. Setting the
 * current status again changes and publishes nothing.
 */
export async function changeSubscriptionStatus(
  manager: EntityManager,
  tenantId: string,
  status: SubscriptionStatus,
  source: StatusChangeSource,
): Promise<SubscriptionStatus | undefined> {
  const [current]: SubscriptionRow[] = await manager.query(
    `SELECT status FROM ${s}.subscriptions WHERE tenant_id = $1 FOR UPDATE`,
    [tenantId],
  );
  if (!current) return undefined;
  if (current.status === status) return current.status;

  const [updated]: [SubscriptionRow[], number] = await manager.query(
    `UPDATE ${s}.subscriptions SET status = $2, status_changed_at = now() WHERE tenant_id = $1
     RETURNING tenant_id, status, plan, trial_ends_at, status_changed_at`,
    [tenantId, status],
  );
  await publishStatusChange(manager, updated[0]!, current.status, source);
  return current.status;
}
