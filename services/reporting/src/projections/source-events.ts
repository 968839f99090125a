/** Routing keys of the owners' events that reporting builds its read models from. */
export const sourceEventTypes = {
  tenantCreated: 'identity.tenant.created',
  tenantUpdated: 'identity.tenant.updated',
  branchCreated: 'identity.branch.created',
  branchUpdated: 'identity.branch.updated',
  branchArchived: 'identity.branch.archived',
  branchRestored: 'identity.branch.restored',
  branchDefaultChanged: 'identity.branch.default-changed',
  memberCreated: 'membership.member.created',
  memberUpdated: 'membership.member.updated',
  memberStatusChanged: 'membership.member.status-changed',
  memberPlanChanged: 'membership.member.plan-changed',
  memberFrozen: 'membership.member.frozen',
  memberUnfrozen: 'membership.member.unfrozen',
  paymentRecorded: 'billing.payment.recorded',
  paymentCorrected: 'billing.payment.corrected',
  saleRecorded: 'catalog.sale.recorded',
  saleDeleted: 'catalog.sale.deleted',
  productCreated: 'catalog.product.created',
  productUpdated: 'catalog.product.updated',
  productArchived: 'catalog.product.archived',
} as const;

export const reportingSubscriptions: string[] = Object.values(sourceEventTypes);

export interface TenantEventData {
  tenantId: string;
  timezone: string;
}

export interface BranchEventData {
  branchId: string;
  name: string;
  archivedAt: string | null;
}

export interface MemberEventData {
  memberId: string;
  branchId: string;
  status: string;
  membershipStartDate: string;
  membershipEndDate: string;
  createdAt: string;
  /** Sent by membership's replay and newer events; absent, an ARCHIVED status dates from the event. */
  archivedAt?: string | null;
}

export interface PaymentEventData {
  paymentId: string;
  branchId: string;
  amount: string;
  method: string;
  paidOn: string;
  status: string;
}

export interface PaymentCorrectedData {
  original: PaymentEventData;
  replacement: PaymentEventData;
}

export interface SaleItemData {
  productId: string;
  productName: string;
  quantity: number;
  unitPrice: string;
  lineTotal: string;
}

export interface SaleEventData {
  saleId: string;
  branchId: string;
  soldOn: string;
  paymentMethod: string;
  total: string;
  items: SaleItemData[];
}

export interface ProductEventData {
  productId: string;
  name: string;
  sku: string | null;
}

/** Raises when `data` lacks a field, so the consumer retries and then dead-letters the event. */
export function requireFields<T>(type: string, data: unknown, fields: (keyof T & string)[]): T {
  const record = (data ?? {}) as Record<string, unknown>;
  const missing = fields.filter((field) => record[field] === undefined);
  if (typeof data !== 'object' || data === null || missing.length > 0) {
    throw new Error(`Event ${type} lacks the fields ${missing.join(', ')} in its data`);
  }
  return record as T;
}
