import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTransport, type Transporter } from 'nodemailer';
import { extractCode, startTestSmtpServer, type TestSmtpServer } from '../src/index.js';

describe('startTestSmtpServer', () => {
  let smtp: TestSmtpServer;
  let transport: Transporter;

  before(async () => {
    smtp = await startTestSmtpServer();
    transport = createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
    });
  });
  after(async () => {
    transport.close();
    await smtp.close();
  });

  test('receives a mail sent with nodemailer', async () => {
    await transport.sendMail({
      from: 'Gym <no-reply@gym.test>',
      to: 'Member@gym.test',
      bcc: 'audit@gym.test',
      subject: 'Your sign-in code',
      text: 'Your code is 314159.',
      html: '<p>Your code is <b>314159</b>.</p>',
    });

    const mail = await smtp.waitForMail('member@gym.test');

    assert.deepEqual(
      mail.to,
      ['Member@gym.test', 'audit@gym.test'],
      'envelope recipients, Bcc included',
    );
    assert.equal(mail.from, 'no-reply@gym.test');
    assert.equal(mail.subject, 'Your sign-in code');
    assert.equal(mail.text.trim(), 'Your code is 314159.');
    assert.equal(mail.html, '<p>Your code is <b>314159</b>.</p>');
    assert.equal(extractCode(mail), '314159');
  });

  test('waits for a mail still to come', async () => {
    const waiting = smtp.waitForMail('later@gym.test', { timeoutMs: 3000 });

    await transport.sendMail({
      from: 'no-reply@gym.test',
      to: 'later@gym.test',
      subject: 'Later',
      text: 'x',
    });

    assert.equal((await waiting).subject, 'Later');
  });

  test('filters by subject and index', async () => {
    const before = smtp.mails.length;
    for (const subject of ['Welcome', 'Password reset', 'Password reset']) {
      await transport.sendMail({
        from: 'no-reply@gym.test',
        to: 'staff@gym.test',
        subject,
        text: subject,
      });
    }

    const first = await smtp.waitForMail('staff@gym.test', {
      subjectIncludes: 'reset',
      after: before,
    });
    const second = await smtp.waitForMail('staff@gym.test', {
      subjectIncludes: 'reset',
      after: smtp.mails.indexOf(first) + 1,
    });

    assert.equal(first.subject, 'Password reset');
    assert.equal(second.subject, 'Password reset');
    assert.ok(
      smtp.mails.indexOf(second) > smtp.mails.indexOf(first),
      'the second search starts after the first mail',
    );
  });

  test('derives text from an HTML-only mail', async () => {
    await transport.sendMail({
      from: 'no-reply@gym.test',
      to: 'html@gym.test',
      subject: 'HTML only',
      html: '<p>Code <b>271828</b></p>',
    });

    const mail = await smtp.waitForMail('html@gym.test');

    assert.equal(extractCode(mail), '271828');
  });

  test('times out with the mails it saw', async () => {
    await assert.rejects(
      smtp.waitForMail('nobody@gym.test', { timeoutMs: 100 }),
      /No mail to nobody@gym\.test within 100 ms; received: "Your sign-in code" to/,
    );
  });
});
