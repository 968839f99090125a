import { EventEmitter, once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { ReceivedMail } from './received-mail.js';

export interface WaitForMailOptions {
  /** Default 5000 ms. */
  timeoutMs?: number;
  subjectIncludes?: string;
  /** Index in `mails` to search from, such as `mails.length` taken before the mail is triggered. */
  after?: number;
}

export interface TestSmtpServer {
  port: number;
  host: '127.0.0.1';
  /** Every mail received so far, oldest first. */
  mails: ReceivedMail[];
  /** Resolves with the first matching mail to `to` (case-insensitive), received or to come. */
  waitForMail(to: string, options?: WaitForMailOptions): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** How long close() lets clients finish their session before it drops them, in milliseconds. */
const CLOSE_TIMEOUT_MS = 500;

/** Starts an SMTP server on a free port of 127.0.0.1, without authentication or TLS. */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = [];
  const clientErrors: Error[] = [];
  const received = new EventEmitter();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    closeTimeout: CLOSE_TIMEOUT_MS,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          mails.push(toReceivedMail(parsed, session));
          received.emit('mail');
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  // A client's connection error must not crash the test process; waitForMail reports it.
  server.on('error', (error: Error) => clientErrors.push(error));

  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');

  return {
    port: (server.server.address() as AddressInfo).port,
    host: '127.0.0.1',
    mails,
    waitForMail: (to, options) => waitForMail({ mails, received, clientErrors }, to, options),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function toReceivedMail(parsed: ParsedMail, session: SMTPServerSession): ReceivedMail {
  const mail: ReceivedMail = {
    to: session.envelope.rcptTo.map((recipient) => recipient.address),
    from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
  };
  if (parsed.html) {
    mail.html = parsed.html;
  }
  return mail;
}

interface Inbox {
  mails: ReceivedMail[];
  received: EventEmitter;
  clientErrors: Error[];
}

function waitForMail(
  { mails, received, clientErrors }: Inbox,
  to: string,
  { timeoutMs = 5000, subjectIncludes, after = 0 }: WaitForMailOptions = {},
): Promise<ReceivedMail> {
  const recipient = to.toLowerCase();
  const matches = (mail: ReceivedMail) =>
    mail.to.some((address) => address.toLowerCase() === recipient) &&
    (subjectIncludes === undefined || mail.subject.includes(subjectIncludes));
  const findMatch = () => mails.slice(after).find(matches);

  const alreadyReceived = findMatch();
  if (alreadyReceived) {
    return Promise.resolve(alreadyReceived);
  }

  return new Promise((resolve, reject) => {
    const onMail = () => {
      const match = findMatch();
      if (match) {
        stop();
        resolve(match);
      }
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(describeTimeout({ mails, clientErrors }, to, timeoutMs, subjectIncludes)));
    }, timeoutMs);
    const stop = () => {
      clearTimeout(timer);
      received.off('mail', onMail);
    };
    received.on('mail', onMail);
  });
}

function describeTimeout(
  { mails, clientErrors }: Pick<Inbox, 'mails' | 'clientErrors'>,
  to: string,
  timeoutMs: number,
  subjectIncludes: string | undefined,
): string {
  const subject =
    subjectIncludes === undefined ? '' : ` with a subject containing "${subjectIncludes}"`;
  const seen =
    mails.map((mail) => `"${mail.subject}" to ${mail.to.join(', ')}`).join('; ') || 'none';
  const errors =
    clientErrors.length > 0 ? `; client errors: ${clientErrors.map(String).join('; ')}` : '';
  return `No mail to ${to}${subject} within ${timeoutMs} ms; received: ${seen}${errors}`;
}
