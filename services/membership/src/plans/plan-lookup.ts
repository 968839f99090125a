import type { EntityManager } from 'typeorm';
import { AppException } from '@gym/errors';
import { Plan } from './plan.entity.js';

/** Name of the unique index on the tenant, the scope's branch and the folded plan name. */
export const PLAN_NAME_INDEX = 'plans_scope_name_key';

/** Loads and locks a plan of the tenant; a missing id and another tenant's id both raise NOT_FOUND. */
export async function lockPlan(
  manager: EntityManager,
  tenantId: string,
  planId: string,
): Promise<Plan> {
  const plan = await manager
    .getRepository(Plan)
    .createQueryBuilder('plan')
    .setLock('pessimistic_write')
    .where('plan.id = :planId AND plan.tenant_id = :tenantId', { planId, tenantId })
    .getOne();
  if (!plan) {
    throw new AppException('NOT_FOUND');
  }
  return plan;
}

/**
 * Returns the plan a member at `branchId` may be put on: it must exist in the tenant (400
 * UNKNOWN_PLAN), not be archived (409 PLAN_ARCHIVED) and be a TENANT plan or a plan of that
 * branch (400 PLAN_NOT_IN_BRANCH). The plan stays share-locked until the transaction ends, so a
 * concurrent archive waits for it.
 */
export async function assertPlanOffered(
  manager: EntityManager,
  tenantId: string,
  planId: string,
  branchId: string,
): Promise<Plan> {
  const plan = await manager
    .getRepository(Plan)
    .createQueryBuilder('plan')
    .setLock('pessimistic_read')
    .where('plan.id = :planId AND plan.tenant_id = :tenantId', { planId, tenantId })
    .getOne();
  if (!plan) {
    throw new AppException('UNKNOWN_PLAN', { planId });
  }
  if (plan.archivedAt) {
    throw new AppException('PLAN_ARCHIVED', { planId });
  }
  if (plan.scope === 'BRANCH' && plan.branchId !== branchId) {
    throw new AppException('PLAN_NOT_IN_BRANCH', { planId });
  }
  return plan;
}
