import type { EntityManager } from 'typeorm';
import { MEMBERSHIP_SCHEMA } from '../database/schema.js';
import type { Member } from './member.entity.js';

/**
 * Inserts members of one tenant with a single statement in the caller's transaction and sets
 * their `createdAt` and `updatedAt` from the database. Each member needs its `id` already. The
 * columns travel as one array parameter each, so the statement has 15 parameters whatever the
 * number of members. Each row takes the clock's time at its insertion rather than the
 * transaction's start, so the creation times follow the order of `members`. A phone that the tenant already has fails the whole statement with a
 * unique violation of `members_tenant_phone_key`.
 */
export async function insertMembers(
  manager: EntityManager,
  tenantId: string,
  members: Member[],
): Promise<void> {
  if (members.length === 0) return;

  const column = <K extends keyof Member>(key: K) => members.map((member) => member[key]);
  const inserted: { id: string; created_at: Date; updated_at: Date }[] = await manager.query(
    `INSERT INTO ${MEMBERSHIP_SCHEMA}.members (id, tenant_id, branch_id, plan_id, first_name,
       last_name, phone, email, birth_date, gender, notes, membership_start_date,
       membership_end_date, status, search_text, created_at, updated_at)
     SELECT incoming.id, $1::uuid, incoming.branch_id, incoming.plan_id, incoming.first_name,
       incoming.last_name, incoming.phone, incoming.email, incoming.birth_date, incoming.gender,
       incoming.notes, incoming.membership_start_date, incoming.membership_end_date,
       incoming.status, incoming.search_text, stamp.at, stamp.at
     FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::varchar[], $6::varchar[], $7::varchar[],
       $8::varchar[], $9::date[], $10::varchar[], $11::varchar[], $12::date[], $13::date[],
       $14::varchar[], $15::varchar[])
       AS incoming(id, branch_id, plan_id, first_name, last_name, phone, email, birth_date,
         gender, notes, membership_start_date, membership_end_date, status, search_text)
       CROSS JOIN LATERAL (SELECT clock_timestamp() AS at) AS stamp
     RETURNING id, created_at, updated_at`,
    [
      tenantId,
      column('id'),
      column('branchId'),
      column('planId'),
      column('firstName'),
      column('lastName'),
      column('phone'),
      column('email'),
      column('birthDate'),
      column('gender'),
      column('notes'),
      column('membershipStartDate'),
      column('membershipEndDate'),
      column('status'),
      column('searchText'),
    ],
  );

  const byId = new Map(inserted.map((row) => [row.id, row]));
  for (const member of members) {
    const row = byId.get(member.id)!;
    member.createdAt = row.created_at;
    member.updatedAt = row.updated_at;
  }
}
