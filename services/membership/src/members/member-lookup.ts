import type { EntityManager } from 'typeorm';
import { AppException } from '@gym/errors';
import { Member } from './member.entity.js';

/** Name of the unique index on the tenant and the E.164 phone. */
export const MEMBER_PHONE_INDEX = 'members_tenant_phone_key';

/** Loads and locks a member of the tenant; a missing id and another tenant's id both raise NOT_FOUND. */
export async function lockMember(
  manager: EntityManager,
  tenantId: string,
  memberId: string,
): Promise<Member> {
  const member = await manager
    .getRepository(Member)
    .createQueryBuilder('member')
    .setLock('pessimistic_write')
    .where('member.id = :memberId AND member.tenant_id = :tenantId', { memberId, tenantId })
    .getOne();
  if (!member) {
    throw new AppException('NOT_FOUND');
  }
  return member;
}

/** Locks the member and raises 409 MEMBER_ARCHIVED when it is archived. */
export async function lockCurrentMember(
  manager: EntityManager,
  tenantId: string,
  memberId: string,
): Promise<Member> {
  const member = await lockMember(manager, tenantId, memberId);
  if (member.archivedAt) {
    throw new AppException('MEMBER_ARCHIVED');
  }
  return member;
}
