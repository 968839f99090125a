import type { EntityManager } from 'typeorm';
import { AppException } from '@gym/errors';
import { Branch } from './branch.entity.js';

/** Name of the unique index on the tenant and the Turkish-folded branch name in the identity schema. */
export const BRANCH_NAME_INDEX = 'branches_tenant_name_key';

/** Loads and locks a branch of the tenant; a missing id and another tenant's id both raise NOT_FOUND. */
export async function lockBranch(
  manager: EntityManager,
  tenantId: string,
  branchId: string,
): Promise<Branch> {
  const branch = await manager
    .getRepository(Branch)
    .createQueryBuilder('branch')
    .setLock('pessimistic_write')
    .where('branch.id = :branchId', { branchId })
    .andWhere('branch.tenant_id = :tenantId', { tenantId })
    .getOne();

  if (!branch) {
    throw new AppException('NOT_FOUND');
  }
  return branch;
}

/**
 * Checks that every id is a non-archived branch of the tenant and raises 400 UNKNOWN_BRANCH
 * with the first one that is not. The branches stay share-locked until the transaction ends,
 * so a concurrent archive waits for it.
 */
export async function assertActiveBranches(
  manager: EntityManager,
  tenantId: string,
  branchIds: readonly string[],
): Promise<void> {
  if (branchIds.length === 0) return;

  const found = await manager
    .getRepository(Branch)
    .createQueryBuilder('branch')
    .select('branch.id')
    .setLock('pessimistic_read')
    .where('branch.id IN (:...branchIds)', { branchIds })
    .andWhere('branch.tenant_id = :tenantId', { tenantId })
    .andWhere('branch.archived_at IS NULL')
    .getMany();

  const activeIds = new Set(found.map((branch) => branch.id));
  const unknownId = branchIds.find((branchId) => !activeIds.has(branchId));
  if (unknownId) {
    throw new AppException('UNKNOWN_BRANCH', { branchId: unknownId });
  }
}
