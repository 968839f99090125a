import { registerErrors } from '@gym/errors';

/** Subscription statuses billing publishes in `billing.subscription.status-changed`. */
export const subscriptionStatuses = ['TRIAL', 'ACTIVE', 'PAST_DUE', 'SUSPENDED'] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

export type SubscriptionDenial = 'SUBSCRIPTION_SUSPENDED' | 'SUBSCRIPTION_PAST_DUE';

registerErrors({
  SUBSCRIPTION_SUSPENDED: {
    status: 403,
    tr: 'İşletmenizin aboneliği askıya alındı. Erişimi yeniden açmak için ödemenizi tamamlayın.',
    en: 'Your business subscription is suspended. Complete your payment to restore access.',
  },
  SUBSCRIPTION_PAST_DUE: {
    status: 403,
    tr: 'İşletmenizin abonelik ödemesi gecikti; ödeme yapılana kadar yalnızca görüntüleme yapabilirsiniz.',
    en: 'Your business subscription payment is past due; until it is paid you can only view data.',
  },
});

const READ_METHODS = new Set(['GET', 'HEAD']);
const AUTH_PREFIX = '/api/v1/auth';
const SUBSCRIPTION_PATH = '/api/v1/subscription';

export function isSubscriptionStatus(value: unknown): value is SubscriptionStatus {
  return subscriptionStatuses.includes(value as SubscriptionStatus);
}

function isAuthPath(path: string): boolean {
  return path === AUTH_PREFIX || path.startsWith(`${AUTH_PREFIX}/`);
}

function isSubscriptionRead(method: string, path: string): boolean {
  const exact = path === SUBSCRIPTION_PATH || path === `${SUBSCRIPTION_PATH}/`;
  return exact && READ_METHODS.has(method);
}

/**
 * Decides whether a tenant in `status` may make a request, and returns the error code when not.
 * A suspended tenant keeps only the auth routes and reading its subscription, so it can sign in
 * and see why. A past-due tenant keeps every read and the auth routes. TRIAL, ACTIVE and an
 * unknown status (no event received yet) pass.
 */
export function subscriptionDenial(
  status: SubscriptionStatus | undefined,
  method: string,
  path: string,
): SubscriptionDenial | undefined {
  const upperMethod = method.toUpperCase();

  if (status === 'SUSPENDED') {
    if (isAuthPath(path) || isSubscriptionRead(upperMethod, path)) return undefined;
    return 'SUBSCRIPTION_SUSPENDED';
  }
  if (status === 'PAST_DUE') {
    if (isAuthPath(path) || READ_METHODS.has(upperMethod)) return undefined;
    return 'SUBSCRIPTION_PAST_DUE';
  }
  return undefined;
}
