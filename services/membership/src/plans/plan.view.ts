import type { Plan } from './plan.entity.js';

/** A plan as the API returns it and as plan events carry it. */
export function toPlanView(plan: Plan) {
  return {
    id: plan.id,
    name: plan.name,
    scope: plan.scope,
    branchId: plan.branchId,
    durationValue: plan.durationValue,
    durationUnit: plan.durationUnit,
    price: plan.price,
    sessionCount: plan.sessionCount,
    description: plan.description,
    archivedAt: plan.archivedAt,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
  };
}

export type PlanView = ReturnType<typeof toPlanView>;

export function planEventData(plan: Plan) {
  const { id, createdAt, updatedAt, archivedAt, ...fields } = toPlanView(plan);
  return {
    planId: id,
    ...fields,
    archivedAt: archivedAt?.toISOString() ?? null,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}
