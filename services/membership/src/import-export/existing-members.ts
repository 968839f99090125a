import type { EntityManager } from 'typeorm';
import { foldName } from '../common/turkish-fold.js';
import { MEMBERSHIP_SCHEMA } from '../database/schema.js';
import type { ParsedRow, RowProblem } from './import-row.js';

/** The name of a member who already has a phone that an import row uses. */
export interface ExistingMember {
  firstName: string;
  lastName: string;
}

/** Loads the tenant's members, archived ones included, that have one of `phones`, by phone. */
export async function findMembersByPhone(
  manager: EntityManager,
  tenantId: string,
  phones: string[],
): Promise<Map<string, ExistingMember>> {
  if (phones.length === 0) return new Map();

  const rows: { phone: string; first_name: string; last_name: string }[] = await manager.query(
    `SELECT phone, first_name, last_name FROM ${MEMBERSHIP_SCHEMA}.members
      WHERE tenant_id = $1 AND phone = ANY($2::varchar[])`,
    [tenantId, phones],
  );
  return new Map(
    rows.map((row) => [row.phone, { firstName: row.first_name, lastName: row.last_name }]),
  );
}

/**
 * Decides a row whose phone a member already has: skipped when it is the same person (same
 * folded first and last name), as on a re-import, and PHONE_TAKEN otherwise.
 */
export function outcomeForExisting(member: ExistingMember, row: ParsedRow): 'skipped' | RowProblem {
  const samePerson =
    foldName(member.firstName) === foldName(row.firstName) &&
    foldName(member.lastName) === foldName(row.lastName);
  return samePerson ? 'skipped' : { code: 'PHONE_TAKEN', field: 'phone', value: row.phone };
}
