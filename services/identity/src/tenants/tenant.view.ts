import type { SubscriptionStatus, Tenant } from './tenant.entity.js';

/** A tenant as the API returns it. */
export interface TenantView {
  id: string;
  name: string;
  timezone: string;
  locale: string;
  currency: string;
  subscriptionStatus: SubscriptionStatus;
  createdAt: Date;
}

export function toTenantView(tenant: Tenant): TenantView {
  return {
    id: tenant.id,
    name: tenant.name,
    timezone: tenant.timezone,
    locale: tenant.locale,
    currency: tenant.currency,
    subscriptionStatus: tenant.subscriptionStatus,
    createdAt: tenant.createdAt,
  };
}

/** Event data of identity.tenant.updated: the settings other services keep a replica of. */
export function tenantEventData(tenant: Tenant) {
  return {
    tenantId: tenant.id,
    name: tenant.name,
    timezone: tenant.timezone,
    locale: tenant.locale,
    currency: tenant.currency,
  };
}
