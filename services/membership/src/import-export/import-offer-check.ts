import { In, type EntityManager } from 'typeorm';
import { Plan } from '../plans/plan.entity.js';
import { BranchReplica } from '../replicas/branch-replica.entity.js';
import type { ImportCandidate } from './import-candidate.js';
import type { RowProblem } from './import-row.js';

/**
 * Checks again, inside the transaction that inserts them, that each candidate's branch is still
 * active and its plan still offered there, since either may have been archived after the file's
 * lookups were loaded. Returns each candidate's plan or its problem, in the candidates' order.
 * The plans stay share-locked until the transaction ends, so a concurrent archive waits for it,
 * as when a single member is created.
 */
export async function recheckOffers(
  manager: EntityManager,
  tenantId: string,
  candidates: ImportCandidate[],
): Promise<(Plan | RowProblem)[]> {
  const branchIds = [...new Set(candidates.map((candidate) => candidate.branchId))];
  const planIds = [...new Set(candidates.map((candidate) => candidate.planId))];

  const branches = await manager
    .getRepository(BranchReplica)
    .findBy({ tenantId, branchId: In(branchIds) });
  const plans = await manager
    .getRepository(Plan)
    .createQueryBuilder('plan')
    .setLock('pessimistic_read')
    .where('plan.tenant_id = :tenantId AND plan.id IN (:...planIds)', { tenantId, planIds })
    .orderBy('plan.id')
    .getMany();

  const activeBranchIds = new Set(
    branches.filter((branch) => !branch.archivedAt).map((branch) => branch.branchId),
  );
  const plansById = new Map(plans.map((plan) => [plan.id, plan]));

  return candidates.map(({ row, branchId, planId }) => {
    if (!activeBranchIds.has(branchId)) {
      return { code: 'BRANCH_ARCHIVED', field: 'branch', value: row.branch };
    }
    const plan = plansById.get(planId);
    const offered =
      plan && !plan.archivedAt && (plan.scope === 'TENANT' || plan.branchId === branchId);
    return offered ? plan : { code: 'UNKNOWN_PLAN', field: 'plan', value: row.plan };
  });
}
