import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { enqueueEvents } from '@gym/messaging';
import { insertMembers } from '../members/member-batch-insert.js';
import { memberSearchText } from '../members/member-search.js';
import { memberStatusOn } from '../members/member-status.js';
import { memberEventData } from '../members/member.view.js';
import { Member } from '../members/member.entity.js';
import { membershipEndDate } from '../members/membership-term.js';
import type { Plan } from '../plans/plan.entity.js';
import type { ImportCandidate, RowOutcome } from './import-candidate.js';
import { recheckOffers } from './import-offer-check.js';

/**
 * Creates the members of `candidates` in the caller's transaction with one INSERT, and enqueues
 * one membership.member.created event per member with one more. Returns each candidate's outcome
 * in order: created, or the problem of a branch or plan archived since the file's lookups.
 * The candidates' phones must be new to the tenant and to each other; a phone taken meanwhile
 * fails the whole transaction with a unique violation.
 */
export async function importBatch(
  manager: EntityManager,
  tenantId: string,
  candidates: ImportCandidate[],
  today: string,
): Promise<RowOutcome[]> {
  const offers = await recheckOffers(manager, tenantId, candidates);

  const members: Member[] = [];
  const outcomes = candidates.map((candidate, index): RowOutcome => {
    const offer = offers[index]!;
    if ('code' in offer) return offer;
    members.push(newMember(tenantId, candidate, offer, today));
    return 'created';
  });

  await insertMembers(manager, tenantId, members);
  await enqueueEvents(
    manager,
    members.map((member) => ({
      type: 'membership.member.created',
      tenantId,
      data: memberEventData(member),
    })),
  );
  return outcomes;
}

/** Builds the member a candidate row describes, as MembersService.insert does for one member. */
function newMember(
  tenantId: string,
  candidate: ImportCandidate,
  plan: Plan,
  today: string,
): Member {
  const { row } = candidate;
  const member = Object.assign(new Member(), {
    id: randomUUID(),
    tenantId,
    branchId: candidate.branchId,
    planId: plan.id,
    firstName: row.firstName,
    lastName: row.lastName,
    phone: row.phone,
    email: row.email,
    birthDate: row.birthDate,
    gender: row.gender,
    notes: row.notes,
    membershipStartDate: row.membershipStartDate,
    membershipEndDate: membershipEndDate(
      row.membershipStartDate,
      plan.durationValue,
      plan.durationUnit,
    ),
    searchText: memberSearchText(row.firstName, row.lastName, row.phone),
    photoKey: null,
    photoContentType: null,
    archivedAt: null,
  });
  member.status = memberStatusOn(member, today, false);
  return member;
}
