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

  /** Any wrong email or password answers the same 401; failures are limited per email. */
  async login(email: string, password: string) {
    await this.limits.loginFailures.assertNotBlocked(email);

    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.email) = :email', { email })
      .getOne();
    const passwordMatches = await this.hasher.verify(user?.passwordHash, password);

    if (!user || !passwordMatches || user.status !== 'ACTIVE') {
      await this.limits.loginFailures.consume(email);
      this.logger.info({ email: maskEmail(email) }, 'Login failed');
      throw new AppException('INVALID_CREDENTIALS');
    }

    await this.limits.loginFailures.reset(email);
    return this.dataSource.transaction(async (manager) => {
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

  /** Activates an invited user with the code from the invitation mail and signs them in. */
  async acceptInvitation(input: AcceptInvitationDto) {
    const passwordHash = await this.hasher.hash(input.password);

    return this.codes.consume('INVITATION', input.email, input.code, async (payload, manager) => {
      const user = await manager.findOneBy(User, { id: String(payload.userId) });
      if (!user || user.status !== 'INVITED') {
        throw new AppException('CODE_INVALID');
      }

      user.status = 'ACTIVE';
      user.passwordHash = passwordHash;
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
