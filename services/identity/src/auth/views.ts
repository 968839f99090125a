import type { Tenant } from '../tenants/tenant.entity.js';
import type { User } from '../users/user.entity.js';

export function userView(user: User) {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    role: user.role,
    branchIds: user.branchIds,
  };
}

export function tenantView(tenant: Tenant) {
  return {
    id: tenant.id,
    name: tenant.name,
    timezone: tenant.timezone,
    locale: tenant.locale,
    currency: tenant.currency,
    subscriptionStatus: tenant.subscriptionStatus,
  };
}
