import type { EntityManager } from 'typeorm';
import { AppException } from '@gym/errors';
import { BranchReplica } from './branch-replica.entity.js';

/**
 * Checks that the branch is a non-archived branch of the tenant in the replica: an unknown id
 * (or another tenant's) raises 400 BRANCH_NOT_FOUND and an archived one 409 BRANCH_IS_ARCHIVED.
 */
export async function assertActiveBranch(
  manager: EntityManager,
  tenantId: string,
  branchId: string,
): Promise<BranchReplica> {
  const branch = await manager.getRepository(BranchReplica).findOneBy({ branchId, tenantId });
  if (!branch) {
    throw new AppException('BRANCH_NOT_FOUND', { branchId });
  }
  if (branch.archivedAt) {
    throw new AppException('BRANCH_IS_ARCHIVED', { branchId });
  }
  return branch;
}
