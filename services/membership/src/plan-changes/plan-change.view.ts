import type { PlanChange } from './plan-change.entity.js';

/** A plan change as the API returns it. */
export function toPlanChangeView(change: PlanChange) {
  return {
    id: change.id,
    memberId: change.memberId,
    status: change.status,
    fromPlanId: change.fromPlanId,
    toPlanId: change.toPlanId,
    startDate: change.startDate,
    previousStartDate: change.previousStartDate,
    previousEndDate: change.previousEndDate,
    newEndDate: change.newEndDate,
    createdAt: change.createdAt,
    appliedAt: change.appliedAt,
  };
}

export type PlanChangeView = ReturnType<typeof toPlanChangeView>;
