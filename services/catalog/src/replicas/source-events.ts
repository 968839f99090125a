/** Routing keys of identity's and membership's events that catalog consumes. */
export const sourceEventTypes = {
  tenantCreated: 'identity.tenant.created',
  tenantUpdated: 'identity.tenant.updated',
  branchCreated: 'identity.branch.created',
  branchUpdated: 'identity.branch.updated',
  branchArchived: 'identity.branch.archived',
  branchRestored: 'identity.branch.restored',
  memberCreated: 'membership.member.created',
  memberUpdated: 'membership.member.updated',
  memberStatusChanged: 'membership.member.status-changed',
} as const;

export const catalogSubscriptions: string[] = Object.values(sourceEventTypes);

/** The part of `data` of identity.tenant.created and .updated that catalog keeps. */
export interface TenantEventData {
  tenantId: string;
  name: string;
  timezone: string;
}

/** The part of `data` of identity.branch.created, .updated, .archived and .restored that catalog keeps. */
export interface BranchEventData {
  branchId: string;
  name: string;
  archivedAt?: string | null;
}

/** The part of `data` of membership.member.created, .updated and .status-changed that catalog keeps. */
export interface MemberEventData {
  memberId: string;
  branchId: string;
  status: string;
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
