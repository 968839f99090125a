import type { EventHandler } from '@gym/messaging';
import { applyMember } from './member-projection.js';
import { applyPaymentCorrected, applyPaymentRecorded } from './payment-projection.js';
import { applyBranch, applyProduct, applyTenant } from './replica-projection.js';
import { applySale } from './sale-projection.js';
import { sourceEventTypes as t } from './source-events.js';

/**
 * The handler of each consumed event type. The live consumer runs them behind the inbox, and
 * the rebuild runs them for replayed events; every handler is safe to run twice.
 */
export const projectionHandlers: Record<string, EventHandler> = {
  [t.tenantCreated]: applyTenant,
  [t.tenantUpdated]: applyTenant,
  [t.branchCreated]: applyBranch,
  [t.branchUpdated]: applyBranch,
  [t.branchArchived]: applyBranch,
  [t.branchRestored]: applyBranch,
  [t.branchDefaultChanged]: applyBranch,
  [t.memberCreated]: applyMember,
  [t.memberUpdated]: applyMember,
  [t.memberStatusChanged]: applyMember,
  [t.memberPlanChanged]: applyMember,
  [t.memberFrozen]: applyMember,
  [t.memberUnfrozen]: applyMember,
  [t.paymentRecorded]: applyPaymentRecorded,
  [t.paymentCorrected]: applyPaymentCorrected,
  [t.saleRecorded]: applySale,
  [t.saleDeleted]: applySale,
  [t.productCreated]: applyProduct,
  [t.productUpdated]: applyProduct,
  [t.productArchived]: applyProduct,
};
