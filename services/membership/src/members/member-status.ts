import { MEMBERSHIP_SCHEMA } from '../database/schema.js';
import { daysBetween } from '../common/business-date.js';
import type { MemberStatus } from './member.entity.js';

const s = MEMBERSHIP_SCHEMA;

/** SQL that is true when member `alias` has a freeze covering the date parameter `date`. */
export function frozenOnSql(alias: string, date: string): string {
  return `EXISTS (SELECT 1 FROM ${s}.freezes f WHERE f.member_id = ${alias}.id AND f.start_date <= ${date} AND f.end_date >= ${date})`;
}

/**
 * SQL of a member's status on the date parameter `date` (a SQL date expression):
 * ARCHIVED once archived, FROZEN on a day a freeze covers, ACTIVE from the start to the end date,
 * PASSIVE before the start and after the end. The daily status sync stores the same value.
 */
export function memberStatusSql(alias: string, date: string): string {
  return `CASE
    WHEN ${alias}.archived_at IS NOT NULL THEN 'ARCHIVED'
    WHEN ${frozenOnSql(alias, date)} THEN 'FROZEN'
    WHEN ${date} < ${alias}.membership_start_date OR ${date} > ${alias}.membership_end_date THEN 'PASSIVE'
    ELSE 'ACTIVE' END`;
}

/**
 * Returns a condition selecting members of one status on `date`. Each branch keeps a plain condition on
 * the end date, so the (tenant_id, membership_end_date) index narrows ACTIVE and PASSIVE lists.
 */
export function statusConditionSql(alias: string, status: MemberStatus, date: string): string {
  const current = `${alias}.archived_at IS NULL`;
  switch (status) {
    case 'ARCHIVED':
      return `${alias}.archived_at IS NOT NULL`;
    case 'FROZEN':
      return `${current} AND ${frozenOnSql(alias, date)}`;
    case 'ACTIVE':
      return `${current} AND ${alias}.membership_end_date >= ${date} AND ${alias}.membership_start_date <= ${date} AND NOT ${frozenOnSql(alias, date)}`;
    case 'PASSIVE':
      return `${current} AND (${alias}.membership_end_date < ${date} OR ${alias}.membership_start_date > ${date}) AND NOT ${frozenOnSql(alias, date)}`;
  }
}

/**
 * Days of the term still ahead on `today`, today included: the whole term before it starts, 1 on
 * its last day and 0 after it ended. Frozen days are part of the term, since freezes extend it.
 */
export function remainingDays(today: string, startDate: string, endDate: string): number {
  const from = today < startDate ? startDate : today;
  return Math.max(0, daysBetween(from, endDate) + 1);
}

/** Computes a loaded member's status like memberStatusSql does in SQL. */
export function memberStatusOn(
  member: { archivedAt: Date | null; membershipStartDate: string; membershipEndDate: string },
  today: string,
  frozenToday: boolean,
): MemberStatus {
  if (member.archivedAt) return 'ARCHIVED';
  if (frozenToday) return 'FROZEN';
  if (today < member.membershipStartDate || today > member.membershipEndDate) return 'PASSIVE';
  return 'ACTIVE';
}
