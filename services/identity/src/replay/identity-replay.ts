import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { pagesById, replayProvider } from '@gym/messaging';
import { Branch } from '../branches/branch.entity.js';
import { branchEventData } from '../branches/branch.view.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { tenantEventData } from '../tenants/tenant.view.js';

/**
 * Serves `identity.replay` with the current tenants and branches as identity.tenant.updated
 * and identity.branch.updated events, for consumers that rebuild their replicas.
 */
export const identityReplay = replayProvider(
  'identity',
  [getDataSourceToken()],
  (dataSource: DataSource) => async (tenantId, emit) => {
    const tenants = dataSource.getRepository(Tenant);
    for await (const tenant of pagesById(tenants, tenantId ? { id: tenantId } : {})) {
      await emit({
        type: 'identity.tenant.updated',
        tenantId: tenant.id,
        data: tenantEventData(tenant),
        occurredAt: tenant.updatedAt,
        entityKey: `${tenant.id}@${tenant.updatedAt.toISOString()}`,
      });
    }
    const branches = dataSource.getRepository(Branch);
    for await (const branch of pagesById(branches, tenantId ? { tenantId } : {})) {
      await emit({
        type: 'identity.branch.updated',
        tenantId: branch.tenantId,
        data: branchEventData(branch),
        occurredAt: branch.updatedAt,
        entityKey: `${branch.id}@${branch.updatedAt.toISOString()}`,
      });
    }
  },
);
