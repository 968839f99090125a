/** Routing keys of identity's events that feed membership's replicas. */
export const identityEventTypes = {
  tenantCreated: 'identity.tenant.created',
  tenantUpdated: 'identity.tenant.updated',
  branchCreated: 'identity.branch.created',
  branchUpdated: 'identity.branch.updated',
  branchArchived: 'identity.branch.archived',
  branchRestored: 'identity.branch.restored',
  branchDefaultChanged: 'identity.branch.default-changed',
} as const;

export const identitySubscriptions: string[] = Object.values(identityEventTypes);

/** `data` of identity.tenant.created and identity.tenant.updated. */
export interface TenantEventData {
  tenantId: string;
  name: string;
  timezone: string;
  locale: string;
  currency: string;
}

/** `data` of identity.branch.created, .updated, .archived and .restored. */
export interface BranchEventData {
  branchId: string;
  name: string;
  isDefault: boolean;
  archivedAt: string | null;
}

/** `data` of identity.branch.default-changed. */
export interface DefaultBranchChangedData {
  branchId: string;
  previousBranchId: string | null;
}

/** Raises when `data` lacks a field, so the consumer retries and then dead-letters the event. */
export function requireFields<T>(type: string, data: unknown, fields: (keyof T & string)[]): T {
  const record = (data ?? {}) as Record<string, unknown>;
  const missing = fields.filter((field) => record[field] === undefined);
  if (typeof data !== 'object' || missing.length > 0) {
    throw new Error(`Event ${type} lacks the fields ${missing.join(', ')} in its data`);
  }
  return record as T;
}
