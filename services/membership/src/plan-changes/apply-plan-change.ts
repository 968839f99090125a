import type { EntityManager } from 'typeorm';
import { enqueueEvent } from '@gym/messaging';
import { findFreezeOn } from '../freezes/freezes.service.js';
import type { Member } from '../members/member.entity.js';
import { memberStatusOn } from '../members/member-status.js';
import { memberEventData } from '../members/member.view.js';
import { membershipEndDate } from '../members/membership-term.js';
import type { Plan } from '../plans/plan.entity.js';
import type { PlanChange } from './plan-change.entity.js';

/**
 * Puts the member on the change's plan with a new term from its start date, marks the history
 * row APPLIED and enqueues membership.member.plan-changed, all in the caller's transaction.
 */
export async function applyPlanChange(
  manager: EntityManager,
  member: Member,
  change: PlanChange,
  plan: Plan,
  today: string,
): Promise<void> {
  const previousStatus = member.status;
  member.planId = plan.id;
  member.membershipStartDate = change.startDate;
  member.membershipEndDate = membershipEndDate(
    change.startDate,
    plan.durationValue,
    plan.durationUnit,
  );
  const frozenToday = (await findFreezeOn(manager, member.id, today)) !== undefined;
  member.status = memberStatusOn(member, today, frozenToday);
  const saved = await manager.save(member);

  change.status = 'APPLIED';
  change.newEndDate = saved.membershipEndDate;
  change.appliedAt = new Date();
  change.lastError = null;
  await manager.save(change);

  await enqueueEvent(manager, {
    type: 'membership.member.plan-changed',
    tenantId: member.tenantId,
    data: {
      ...memberEventData(saved),
      planChangeId: change.id,
      previousPlanId: change.fromPlanId,
      previousStartDate: change.previousStartDate,
      previousEndDate: change.previousEndDate,
    },
  });
  if (saved.status !== previousStatus) {
    await enqueueEvent(manager, {
      type: 'membership.member.status-changed',
      tenantId: member.tenantId,
      data: { ...memberEventData(saved), previousStatus },
    });
  }
}
