import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Language } from '@gym/errors';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config.js';
import { renderAccountExistsMail, renderCodeMail, type CodeMailKind } from './mail-templates.js';
import { MailRelay } from './mail.relay.js';
import { OutgoingMail } from './outgoing-mail.entity.js';

/** Queues mails in the caller's transaction; the relay sends them after commit. */
@Injectable()
export class MailService {
  constructor(
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    private readonly relay: MailRelay,
  ) {}

  async queueCodeMail(
    manager: EntityManager,
    input: { to: string; kind: CodeMailKind; code: string; language: Language; gymName?: string },
  ): Promise<void> {
    const mail = renderCodeMail({
      ...input,
      validMinutes: Math.round(this.config.CODE_TTL_SECONDS / 60),
    });
    await this.queue(manager, input.to, mail);
  }

  async queueAccountExistsMail(
    manager: EntityManager,
    to: string,
    language: Language,
  ): Promise<void> {
    await this.queue(manager, to, renderAccountExistsMail(language));
  }

  private async queue(manager: EntityManager, to: string, mail: { subject: string; text: string }) {
    await manager.insert(OutgoingMail, {
      to,
      subject: mail.subject,
      text: mail.text,
      nextAttemptAt: new Date(),
    });
    this.relay.wakeAfterCommit();
  }
}
