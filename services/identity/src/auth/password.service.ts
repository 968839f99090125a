import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AppException, type Language } from '@gym/errors';
import { maskEmail } from '@gym/logging';
import type { Principal } from '@gym/auth';
import { EmailCodeService } from '../codes/email-code.service.js';
import { PINO_LOGGER } from '../common/tokens.js';
import { MailService } from '../mail/mail.service.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { User } from '../users/user.entity.js';
import { AttemptLimits } from './attempt-limits.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionService } from './session.service.js';

/** Password reset by email code and password change of a signed-in user. */
@Injectable()
export class PasswordService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    private readonly codes: EmailCodeService,
    private readonly mail: MailService,
    private readonly limits: AttemptLimits,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
  ) {}

  /** Mails a reset code to an active user; unknown emails get the same response and no mail. */
  async startReset(email: string, language: Language): Promise<void> {
    await this.limits.codeRequests.consume(`reset:${email}`);

    await this.dataSource.transaction(async (manager) => {
      const user = await manager
        .getRepository(User)
        .createQueryBuilder('user')
        .where('lower(user.email) = :email', { email })
        .getOne();
      if (!user || user.status !== 'ACTIVE') {
        return;
      }
      const tenant = await manager.findOneByOrFail(Tenant, { id: user.tenantId });
      const code = await this.codes.issue(manager, 'PASSWORD_RESET', email, { userId: user.id });
      await this.mail.queueCodeMail(manager, {
        to: user.email,
        kind: 'PASSWORD_RESET',
        code,
        language,
        gymName: tenant.name,
      });
    });
    this.logger.info({ email: maskEmail(email) }, 'Password reset requested');
  }

  /**
   * Sets the new password and revokes every session of the user. The password is hashed only
   * after the code matched, so wrong codes cost no argon2 work.
   */
  async completeReset(email: string, code: string, newPassword: string): Promise<void> {
    await this.codes.consume('PASSWORD_RESET', email, code, async (payload, manager) => {
      const userId = String(payload.userId);
      const user = await manager.findOneBy(User, { id: userId });
      if (!user || user.status !== 'ACTIVE') {
        throw new AppException('CODE_INVALID');
      }
      await manager.update(
        User,
        { id: userId },
        { passwordHash: await this.hasher.hash(newPassword) },
      );
      await this.sessions.revokeAllForUser(manager, userId, 'PASSWORD_RESET');
      this.logger.info({ userId }, 'Password reset; every session revoked');
    });
  }

  /** Changes the caller's password; other sessions are revoked, the current one stays. */
  async change(principal: Principal, currentPassword: string, newPassword: string) {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.id = :id', { id: principal.userId })
      .getOne();
    if (!user || !(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw new AppException('CURRENT_PASSWORD_INVALID');
    }

    const passwordHash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { passwordHash });
      await this.sessions.revokeAllForUser(
        manager,
        user.id,
        'PASSWORD_CHANGED',
        principal.sessionId,
      );
    });
  }
}
