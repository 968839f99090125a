import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException } from '@gym/errors';
import { enqueueEvent } from '@gym/messaging';
import { assertActiveBranches } from '../branches/branch-lookup.js';
import { toPage, type Page, type PaginationQuery } from '@gym/http';
import { isUniqueViolation } from '@gym/database';
import { Tenant } from '../tenants/tenant.entity.js';
import { lockTenant } from '../tenants/tenant-lock.js';
import type { CreateUserDto, UpdateUserDto } from './user.dto.js';
import { User } from './user.entity.js';
import { UserInvitationService } from './user-invitation.service.js';
import { assertNotLastActiveAdmin, lockUser } from './user-lookup.js';
import { userEventData } from './user.view.js';

/** Name of the unique index on lower(email) in the identity schema. */
const USER_EMAIL_INDEX = 'users_email_key';

/** Lists, invites and edits the staff accounts of a tenant. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invitations: UserInvitationService,
  ) {}

  async list(tenantId: string, query: PaginationQuery): Promise<Page<User>> {
    const [users, total] = await this.dataSource.getRepository(User).findAndCount({
      where: { tenantId },
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: (query.page - 1) * query.limit,
      take: query.limit,
    });
    return toPage(users, total, query);
  }

  /**
   * Creates an INVITED user and queues the invitation mail with a one-time code. An email used
   * by any user of the platform, ignoring case, raises EMAIL_TAKEN.
   */
  async invite(tenantId: string, fields: CreateUserDto): Promise<User> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const tenant = await manager.findOneBy(Tenant, { id: tenantId });
        if (!tenant) {
          throw new AppException('NOT_FOUND');
        }
        const branchIds = fields.branchIds ?? [];
        await assertActiveBranches(manager, tenantId, branchIds);

        const user = await manager.save(
          manager.create(User, {
            tenantId,
            email: fields.email,
            fullName: fields.fullName,
            passwordHash: null,
            role: fields.role,
            status: 'INVITED',
            branchIds,
          }),
        );
        await this.invitations.send(manager, user, tenant);
        await enqueueEvent(manager, {
          type: 'identity.user.created',
          tenantId,
          data: userEventData(user),
        });
        return user;
      });
    } catch (error) {
      if (isUniqueViolation(error, USER_EMAIL_INDEX)) {
        throw new AppException('EMAIL_TAKEN');
      }
      throw error;
    }
  }

  /** Changes name, role or branches; demoting the last ACTIVE ADMIN raises LAST_ADMIN. */
  async update(tenantId: string, userId: string, changes: UpdateUserDto): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      await lockTenant(manager, tenantId);
      const user = await lockUser(manager, tenantId, userId);

      if (changes.role !== undefined && changes.role !== user.role) {
        await assertNotLastActiveAdmin(manager, user);
      }
      if (changes.branchIds !== undefined) {
        await assertActiveBranches(manager, tenantId, changes.branchIds);
      }

      const next = {
        fullName: changes.fullName ?? user.fullName,
        role: changes.role ?? user.role,
        branchIds: changes.branchIds ?? user.branchIds,
      };
      const sameBranches =
        next.branchIds.length === user.branchIds.length &&
        next.branchIds.every((branchId, index) => branchId === user.branchIds[index]);
      if (next.fullName === user.fullName && next.role === user.role && sameBranches) {
        return user;
      }

      Object.assign(user, next);
      const saved = await manager.save(user);
      await enqueueEvent(manager, {
        type: 'identity.user.updated',
        tenantId,
        data: userEventData(saved),
      });
      return saved;
    });
  }
}
