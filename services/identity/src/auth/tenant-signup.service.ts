import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { enqueueEvent } from '@gym/messaging';
import { Branch } from '../branches/branch.entity.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { User } from '../users/user.entity.js';
import { tenantEventData } from '../tenants/tenant.view.js';

export interface PendingSignup {
  email: string;
  passwordHash: string;
  fullName: string;
  gymName: string;
}

/** Name of the branch every new tenant starts with. */
const DEFAULT_BRANCH_NAME = 'Merkez';

/**
 * Creates the tenant, its default branch and its ADMIN user, with their events in the outbox,
 * all in the caller's transaction.
 */
@Injectable()
export class TenantSignupService {
  async createTenant(
    manager: EntityManager,
    signup: PendingSignup,
  ): Promise<{ tenant: Tenant; user: User }> {
    const tenant = await manager.save(
      manager.create(Tenant, {
        name: signup.gymName,
        timezone: 'Europe/Istanbul',
        locale: 'tr',
        currency: 'TRY',
        subscriptionStatus: 'TRIAL',
      }),
    );
    const branch = await manager.save(
      manager.create(Branch, { tenantId: tenant.id, name: DEFAULT_BRANCH_NAME, isDefault: true }),
    );
    const user = await manager.save(
      manager.create(User, {
        tenantId: tenant.id,
        email: signup.email,
        fullName: signup.fullName,
        passwordHash: signup.passwordHash,
        role: 'ADMIN',
        status: 'ACTIVE',
        branchIds: [],
      }),
    );

    await enqueueEvent(manager, {
      type: 'identity.tenant.created',
      tenantId: tenant.id,
      data: { ...tenantEventData(tenant), createdAt: tenant.createdAt.toISOString() },
    });
    await enqueueEvent(manager, {
      type: 'identity.branch.created',
      tenantId: tenant.id,
      data: { branchId: branch.id, name: branch.name, isDefault: true },
    });
    await enqueueEvent(manager, {
      type: 'identity.user.created',
      tenantId: tenant.id,
      data: { userId: user.id, role: user.role, status: user.status, branchIds: user.branchIds },
    });
    return { tenant, user };
  }
}
