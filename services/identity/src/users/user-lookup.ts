import type { EntityManager } from 'typeorm';
import { AppException } from '@gym/errors';
import { User } from './user.entity.js';

/** Loads and locks a user of the tenant; a missing id and another tenant's id both raise NOT_FOUND. */
export async function lockUser(
  manager: EntityManager,
  tenantId: string,
  userId: string,
): Promise<User> {
  const user = await manager
    .getRepository(User)
    .createQueryBuilder('user')
    .setLock('pessimistic_write')
    .where('user.id = :userId', { userId })
    .andWhere('user.tenant_id = :tenantId', { tenantId })
    .getOne();

  if (!user) {
    throw new AppException('NOT_FOUND');
  }
  return user;
}

/**
 * Raises LAST_ADMIN when `user` is the tenant's only ACTIVE ADMIN, before a change that would
 * demote or disable them. The caller must hold the tenant lock, so two admins cannot remove
 * each other at the same time.
 */
export async function assertNotLastActiveAdmin(manager: EntityManager, user: User): Promise<void> {
  if (user.role !== 'ADMIN' || user.status !== 'ACTIVE') return;

  const otherAdmins = await manager
    .getRepository(User)
    .createQueryBuilder('user')
    .where('user.tenant_id = :tenantId', { tenantId: user.tenantId })
    .andWhere("user.role = 'ADMIN' AND user.status = 'ACTIVE'")
    .andWhere('user.id <> :userId', { userId: user.id })
    .getCount();
  if (otherAdmins === 0) {
    throw new AppException('LAST_ADMIN');
  }
}
