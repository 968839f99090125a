import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { IdentityConfig } from '../config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer, or for local development a transport that writes each mail as an
 * .eml file under MAIL_DIR and logs its path. The config schema rejects the file transport when
 * NODE_ENV=production.
 */
export function createMailTransport(config: IdentityConfig, logger: Logger): MailTransport {
  if (config.MAIL_TRANSPORT === 'file') {
    return fileTransport(config, logger);
  }

  const transporter = nodemailer.createTransport(config.SMTP_URL!);
  return {
    async send(message) {
      await transporter.sendMail({ from: config.MAIL_FROM, ...message });
    },
    close: () => transporter.close(),
  };
}

function fileTransport(config: IdentityConfig, logger: Logger): MailTransport {
  const directory = resolve(config.MAIL_DIR);
  mkdirSync(directory, { recursive: true });
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true });

  return {
    async send(message) {
      const info = await transporter.sendMail({ from: config.MAIL_FROM, ...message });
      const safeRecipient = message.to.replace(/[^A-Za-z0-9@._-]/g, '_');
      const path = join(
        directory,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${safeRecipient}.eml`,
      );
      writeFileSync(path, info.message as Buffer);
      logger.info({ path }, 'Development mail written to file');
    },
    close: () => undefined,
  };
}
