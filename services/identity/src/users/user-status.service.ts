import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException } from '@gym/errors';
import { enqueueEvent } from '@gym/messaging';
import { SessionService } from '../auth/session.service.js';
import { lockTenant } from '../tenants/tenant-lock.js';
import type { User } from './user.entity.js';
import { UserInvitationService } from './user-invitation.service.js';
import { assertNotLastActiveAdmin, lockUser } from './user-lookup.js';
import { userEventData } from './user.view.js';
import './user-errors.js';

/** Disables users and resends invitations. */
@Injectable()
export class UserStatusService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly invitations: UserInvitationService,
  ) {}

  /**
   * Disables a user and revokes every session of theirs; their access tokens still work until
   * they expire. Disabling the last ACTIVE ADMIN raises LAST_ADMIN, and disabling a disabled
   * user changes nothing.
   */
  async disable(tenantId: string, userId: string): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      await lockTenant(manager, tenantId);
      const user = await lockUser(manager, tenantId, userId);
      if (user.status === 'DISABLED') return user;
      await assertNotLastActiveAdmin(manager, user);

      user.status = 'DISABLED';
      const saved = await manager.save(user);
      await this.sessions.revokeAllForUser(manager, user.id, 'USER_DISABLED');
      await enqueueEvent(manager, {
        type: 'identity.user.disabled',
        tenantId,
        data: userEventData(saved),
      });
      return saved;
    });
  }

  /** Sends a new invitation code, which replaces the pending one; only INVITED users get one. */
  async resendInvitation(tenantId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const tenant = await lockTenant(manager, tenantId);
      const user = await lockUser(manager, tenantId, userId);
      if (user.status !== 'INVITED') {
        throw new AppException('USER_NOT_INVITED');
      }
      await this.invitations.send(manager, user, tenant);
    });
  }
}
