export { createBillingApp } from './create-app.js';
export { billingConfigSchema, type BillingConfig } from './config.js';
export { billingErrors } from './common/billing-errors.js';
export {
  MONTH_LOCK_STATUS_PATTERN,
  type MonthLockStatusReply,
  type MonthLockStatusRequest,
} from './month-locks/month-lock-status.rpc.js';
export {
  subscriptionStatuses,
  type SubscriptionStatus,
} from './subscription/subscription.entity.js';
