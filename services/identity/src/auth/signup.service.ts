import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { AppException, type Language } from '@gym/errors';
import { maskEmail } from '@gym/logging';
import { EmailCodeService } from '../codes/email-code.service.js';
import { PINO_LOGGER } from '../common/tokens.js';
import { isUniqueViolation } from '@gym/database';
import { MailService } from '../mail/mail.service.js';
import { User } from '../users/user.entity.js';
import { AttemptLimits } from './attempt-limits.js';
import type { SignupStartDto } from './auth.dto.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionService } from './session.service.js';
import { TenantSignupService, type PendingSignup } from './tenant-signup.service.js';
import { tenantView, userView } from './views.js';

/**
 * Tenant signup in two steps: a code is mailed, then the code creates tenant, default branch
 * and ADMIN user. The first step returns the same response for known and unknown emails.
 */
@Injectable()
export class SignupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    private readonly codes: EmailCodeService,
    private readonly mail: MailService,
    private readonly limits: AttemptLimits,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly tenants: TenantSignupService,
  ) {}

  async start(input: SignupStartDto, language: Language): Promise<void> {
    await this.limits.codeRequests.consume(`signup:${input.email}`);
    const passwordHash = await this.hasher.hash(input.password);

    await this.dataSource.transaction(async (manager) => {
      const existing = await manager
        .getRepository(User)
        .createQueryBuilder('user')
        .where('lower(user.email) = :email', { email: input.email })
        .getExists();
      if (existing) {
        await this.mail.queueAccountExistsMail(manager, input.email, language);
        return;
      }

      const pending: PendingSignup = {
        email: input.email,
        passwordHash,
        fullName: input.fullName,
        gymName: input.gymName,
      };
      const code = await this.codes.issue(manager, 'SIGNUP', input.email, { ...pending });
      await this.mail.queueCodeMail(manager, { to: input.email, kind: 'SIGNUP', code, language });
    });
    this.logger.info({ email: maskEmail(input.email) }, 'Signup started');
  }

  async verify(email: string, code: string) {
    try {
      return await this.codes.consume('SIGNUP', email, code, async (payload, manager) => {
        const { tenant, user } = await this.tenants.createTenant(
          manager,
          payload as unknown as PendingSignup,
        );
        const tokens = await this.sessions.start(manager, user);
        this.logger.info({ tenantId: tenant.id, userId: user.id }, 'Tenant created');
        return { ...tokens, user: userView(user), tenant: tenantView(tenant) };
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) {
        throw new AppException('EMAIL_TAKEN');
      }
      throw error;
    }
  }
}
