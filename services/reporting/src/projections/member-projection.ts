import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@gym/messaging';
import { REPORTING_SCHEMA } from '../database/schema.js';
import { applyDelta, contributionDelta, type ContributionRow } from './aggregate-delta.js';
import { addMonths, localDate, monthOf, tenantTimeZone } from './calendar.js';
import { requireFields, type MemberEventData } from './source-events.js';

const s = REPORTING_SCHEMA;

interface MemberFact {
  member_id: string;
  tenant_id: string;
  branch_id: string;
  status: string;
  created_on: string;
  term_start: string;
  term_end: string;
  archived_on: string | null;
  source_occurred_at: Date;
}

/**
 * A member counts once in its status, once as new in the month it was created, as active in
 * every month its term covers (as a +1 at the first and a -1 after the last month, summed over
 * months by the report) until it was archived, and by its end date while ACTIVE.
 */
function contribution(fact: MemberFact | undefined): ContributionRow[] {
  if (!fact) return [];
  const { tenant_id: tenant, branch_id: branch } = fact;
  const rows: ContributionRow[] = [
    { table: 'member_status_counts', key: [tenant, branch, fact.status], values: [1n] },
    { table: 'member_new_counts', key: [tenant, monthOf(fact.created_on), branch], values: [1n] },
  ];

  const lastDay =
    fact.archived_on && fact.archived_on < fact.term_end ? fact.archived_on : fact.term_end;
  if (lastDay >= fact.term_start) {
    rows.push(
      {
        table: 'member_term_deltas',
        key: [tenant, monthOf(fact.term_start), branch],
        values: [1n],
      },
      {
        table: 'member_term_deltas',
        key: [tenant, addMonths(monthOf(lastDay), 1), branch],
        values: [-1n],
      },
    );
  }
  if (fact.status === 'ACTIVE') {
    rows.push({
      table: 'member_active_end_dates',
      key: [tenant, fact.term_end, branch],
      values: [1n],
    });
  }
  return rows;
}

async function lockMember(manager: EntityManager, memberId: string) {
  const rows: MemberFact[] = await manager.query(
    `SELECT member_id, tenant_id, branch_id, status, created_on::text AS created_on,
            term_start::text AS term_start, term_end::text AS term_end,
            archived_on::text AS archived_on, source_occurred_at
       FROM ${s}.member_facts WHERE member_id = $1 FOR UPDATE`,
    [memberId],
  );
  return rows[0];
}

/**
 * Applies every membership.member.* event: each carries the member's whole current state, so
 * the newest event by occurredAt wins and older or repeated ones change nothing.
 */
export async function applyMember(envelope: EventEnvelope, manager: EntityManager): Promise<void> {
  const data = requireFields<MemberEventData>(envelope.type, envelope.data, [
    'memberId',
    'branchId',
    'status',
    'membershipStartDate',
    'membershipEndDate',
    'createdAt',
  ]);
  const occurredAt = new Date(envelope.occurredAt);

  // A concurrent first event of the same member waits here for the other's commit.
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`member:${data.memberId}`]);
  const current = await lockMember(manager, data.memberId);
  if (current && current.tenant_id !== envelope.tenantId) {
    throw new Error(`member ${data.memberId} belongs to another tenant than ${envelope.tenantId}`);
  }
  if (current && current.source_occurred_at > occurredAt) return;

  const zone = await tenantTimeZone(manager, envelope.tenantId);
  const archivedOn =
    data.status !== 'ARCHIVED'
      ? null
      : data.archivedAt
        ? localDate(data.archivedAt, zone)
        : (current?.archived_on ?? localDate(occurredAt, zone));
  const next: MemberFact = {
    member_id: data.memberId,
    tenant_id: envelope.tenantId,
    branch_id: data.branchId,
    status: data.status,
    created_on: current?.created_on ?? localDate(data.createdAt, zone),
    term_start: data.membershipStartDate,
    term_end: data.membershipEndDate,
    archived_on: archivedOn,
    source_occurred_at: occurredAt,
  };

  await manager.query(
    `INSERT INTO ${s}.member_facts AS m (member_id, tenant_id, branch_id, status, created_on,
       term_start, term_end, archived_on, source_occurred_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (member_id) DO UPDATE
       SET branch_id = EXCLUDED.branch_id, status = EXCLUDED.status,
           term_start = EXCLUDED.term_start, term_end = EXCLUDED.term_end,
           archived_on = EXCLUDED.archived_on, source_occurred_at = EXCLUDED.source_occurred_at`,
    [
      next.member_id,
      next.tenant_id,
      next.branch_id,
      next.status,
      next.created_on,
      next.term_start,
      next.term_end,
      next.archived_on,
      next.source_occurred_at,
    ],
  );
  await applyDelta(manager, contributionDelta(contribution(current), contribution(next)));
}
