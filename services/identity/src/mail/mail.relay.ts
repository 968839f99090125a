import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config.js';
import { PINO_LOGGER } from '../common/tokens.js';
import { createMailTransport, type MailTransport } from './mail-transport.js';
import { OutgoingMail } from './outgoing-mail.entity.js';

const POLL_INTERVAL_MS = 2_000;
const BATCH_SIZE = 10;
/** A code mail is useless once its code expired, so retries stop after this many attempts (about 17 minutes). */
const MAX_ATTEMPTS = 10;

/**
 * Sends queued mails. Rows are claimed with SKIP LOCKED, so replicas never send one twice. A
 * failed send is retried with exponential backoff, and the body is cleared once the mail is sent.
 */
@Injectable()
export class MailRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private transport!: MailTransport;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.transport = createMailTransport(this.config, this.logger);
    this.timer = setInterval(() => this.wake(), POLL_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    this.transport?.close();
  }

  /** Runs a delivery pass soon, after the caller's transaction had time to commit. */
  wakeAfterCommit(): void {
    setTimeout(() => this.wake(), 20).unref();
  }

  wake(): void {
    if (this.running || this.stopped || !this.transport) return;
    this.running = this.deliverPending()
      .catch((error: unknown) => this.logger.error({ err: error }, 'Mail relay pass failed'))
      .finally(() => {
        this.running = undefined;
      });
  }

  private async deliverPending(): Promise<void> {
    let delivered: number;
    do {
      delivered = await this.dataSource.transaction(async (manager) => {
        const mails = await manager
          .getRepository(OutgoingMail)
          .createQueryBuilder('mail')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where(
            'mail.sent_at IS NULL AND mail.next_attempt_at <= now() AND mail.attempts < :max',
            { max: MAX_ATTEMPTS },
          )
          .orderBy('mail.next_attempt_at')
          .limit(BATCH_SIZE)
          .getMany();

        for (const mail of mails) {
          await this.deliver(manager.getRepository(OutgoingMail), mail);
        }
        return mails.length;
      });
    } while (delivered === BATCH_SIZE && !this.stopped);
  }

  private async deliver(
    repository: import('typeorm').Repository<OutgoingMail>,
    mail: OutgoingMail,
  ) {
    try {
      await this.transport.send({ to: mail.to, subject: mail.subject, text: mail.text ?? '' });
      await repository.update(
        { id: mail.id },
        { sentAt: new Date(), text: null, attempts: mail.attempts + 1 },
      );
    } catch (error) {
      const attempts = mail.attempts + 1;
      const delaySeconds = Math.min(2 ** attempts, 300);
      await repository.update(
        { id: mail.id },
        {
          attempts,
          nextAttemptAt: new Date(Date.now() + delaySeconds * 1000),
          lastError: String((error as Error).message).slice(0, 500),
        },
      );
      this.logger.warn(
        { err: error, mailId: mail.id, attempts },
        'Sending mail failed; will retry',
      );
    }
  }
}
