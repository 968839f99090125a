import type { Plan } from '../plans/plan.entity.js';
import type { Member, MemberStatus } from './member.entity.js';
import { remainingDays } from './member-status.js';

/** A member as the API returns it, with status and remaining days for the tenant's today. */
export function toMemberView(member: Member, plan: Plan, status: MemberStatus, today: string) {
  return {
    id: member.id,
    firstName: member.firstName,
    lastName: member.lastName,
    phone: member.phone,
    email: member.email,
    birthDate: member.birthDate,
    gender: member.gender,
    notes: member.notes,
    branchId: member.branchId,
    planId: member.planId,
    plan: {
      id: plan.id,
      name: plan.name,
      durationValue: plan.durationValue,
      durationUnit: plan.durationUnit,
      price: plan.price,
      sessionCount: plan.sessionCount,
    },
    membershipStartDate: member.membershipStartDate,
    membershipEndDate: member.membershipEndDate,
    status,
    remainingDays:
      status === 'ARCHIVED'
        ? 0
        : remainingDays(today, member.membershipStartDate, member.membershipEndDate),
    hasPhoto: member.photoKey !== null,
    archivedAt: member.archivedAt,
    createdAt: member.createdAt,
    updatedAt: member.updatedAt,
  };
}

export type MemberView = ReturnType<typeof toMemberView>;

/** Event data of a member: ids, status and term, without personal data. */
export function memberEventData(member: Member) {
  return {
    memberId: member.id,
    branchId: member.branchId,
    planId: member.planId,
    status: member.status,
    membershipStartDate: member.membershipStartDate,
    membershipEndDate: member.membershipEndDate,
    createdAt: member.createdAt.toISOString(),
    archivedAt: member.archivedAt?.toISOString() ?? null,
  };
}
