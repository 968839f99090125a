import type { EntityManager } from 'typeorm';
import { AppException } from '@gym/errors';
import { Tenant } from './tenant.entity.js';

/**
 * Locks the tenant row until the transaction ends, serializing changes that check a
 * tenant-wide rule (one default branch, at least one active admin). FOR NO KEY UPDATE still
 * lets other transactions insert rows that reference the tenant.
 */
export async function lockTenant(manager: EntityManager, tenantId: string): Promise<Tenant> {
  const tenant = await manager
    .getRepository(Tenant)
    .createQueryBuilder('tenant')
    .setLock('for_no_key_update')
    .where('tenant.id = :tenantId', { tenantId })
    .getOne();

  if (!tenant) {
    throw new AppException('NOT_FOUND');
  }
  return tenant;
}
