import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EmailCodeService } from '../codes/email-code.service.js';
import { MailService } from '../mail/mail.service.js';
import type { Tenant } from '../tenants/tenant.entity.js';
import type { User } from './user.entity.js';

/**
 * Issues an invitation code for a user and queues its mail in the caller's transaction. A new
 * code replaces any pending invitation code of the same email.
 */
@Injectable()
export class UserInvitationService {
  constructor(
    private readonly codes: EmailCodeService,
    private readonly mail: MailService,
  ) {}

  async send(manager: EntityManager, user: User, tenant: Tenant): Promise<void> {
    const code = await this.codes.issue(manager, 'INVITATION', user.email, {
      userId: user.id,
      tenantId: tenant.id,
    });
    await this.mail.queueCodeMail(manager, {
      to: user.email,
      kind: 'INVITATION',
      code,
      language: tenant.locale === 'en' ? 'en' : 'tr',
      gymName: tenant.name,
    });
  }
}
