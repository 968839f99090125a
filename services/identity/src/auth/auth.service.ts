import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AppException } from '@gym/errors';
import { maskEmail } from '@gym/logging';
import { enqueueEvent } from '@gym/messaging';
import type { Principal } from '@gym/auth';
import { EmailCodeService } from '../codes/email-code.service.js';
import { PINO_LOGGER } from '../common/tokens.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { User } from '../users/user.entity.js';
import { AttemptLimits } from './attempt-limits.js';
import type { AcceptInvitationDto } from './auth.dto.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionService } from './session.service.js';
import { tenantView, userView } from './views.js';

/** Sign-in, token refresh, sign-out, invitation acceptance and the caller's profile. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    private readonly codes: EmailCodeService,
    private readonly limits: AttemptLimits,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
  ) {}

  /**
   * Any wrong email or password raises the same 401 INVALID_CREDENTIALS, and attempts are limited
   * per email. Each attempt is counted before the slow password check, so guesses sent at once
   * cannot pass the limit while earlier ones are still being checked. A successful login clears
   * the count.
   */
  async login(email: string, password: string) {
    await this.limits.loginFailures.consume(email);

    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.email) = :email', { email })
      .getOne();
    const passwordMatches = await this.hasher.verify(user?.passwordHash, password);

    if (!user || !passwordMatches || user.status !== 'ACTIVE') {
      this.logger.info({ email: maskEmail(email) }, 'Login failed');
      throw new AppException('INVALID_CREDENTIALS');
    }

    await this.limits.loginFailures.reset(email);
    return this.dataSource.transaction(async (manager) => {
      // The share lock makes a password reset, password change or disable that starts now wait
      // for this session to commit, so its revocation includes it. One that committed during the
      // hash check changed the row, which ends this login.
      const locked = await manager
        .getRepository(User)
        .createQueryBuilder('user')
        .addSelect('user.passwordHash')
        .setLock('pessimistic_read')
        .where('user.id = :id', { id: user.id })
        .getOne();
      if (locked?.passwordHash !== user.passwordHash || locked?.status !== 'ACTIVE') {
        throw new AppException('INVALID_CREDENTIALS');
      }

      const tenant = await manager.findOneByOrFail(Tenant, { id: user.tenantId });
      const tokens = await this.sessions.start(manager, user);
      return { ...tokens, user: userView(user), tenant: tenantView(tenant) };
    });
  }

  refresh(refreshToken: string) {
    return this.sessions.rotate(refreshToken);
  }

  logout(refreshToken: string, principal: Principal) {
    return this.sessions.end(refreshToken, principal.userId);
  }

  /**
   * Activates an invited user with the code from the invitation mail and signs them in. The
   * password is hashed only after the code matched, so wrong codes cost no argon2 work.
   */
  async acceptInvitation(input: AcceptInvitationDto) {
    return this.codes.consume('INVITATION', input.email, input.code, async (payload, manager) => {
      // Locked, so an ADMIN's disable cannot commit between this check and the save below.
      const user = await manager.findOne(User, {
        where: { id: String(payload.userId) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!user || user.status !== 'INVITED') {
        throw new AppException('CODE_INVALID');
      }

      user.status = 'ACTIVE';
      user.passwordHash = await this.hasher.hash(input.password);
      if (input.fullName) {
        user.fullName = input.fullName;
      }
      await manager.save(user);
      await enqueueEvent(manager, {
        type: 'identity.user.updated',
        tenantId: user.tenantId,
        data: { userId: user.id, role: user.role, status: user.status, branchIds: user.branchIds },
      });

      const tenant = await manager.findOneByOrFail(Tenant, { id: user.tenantId });
      const tokens = await this.sessions.start(manager, user);
      return { ...tokens, user: userView(user), tenant: tenantView(tenant) };
    });
  }

  async me(principal: Principal) {
    const user = await this.dataSource.getRepository(User).findOneBy({
      id: principal.userId,
      tenantId: principal.tenantId,
    });
    const tenant = await this.dataSource
      .getRepository(Tenant)
      .findOneBy({ id: principal.tenantId });
    if (!user || !tenant || user.status !== 'ACTIVE') {
      throw new AppException('UNAUTHENTICATED');
    }
    return { user: userView(user), tenant: tenantView(tenant) };
  }
}
