import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { waitForSignupCode } from '../src/signup-code.js';
import { Progress } from '../src/progress.js';

const mailDir = mkdtempSync(join(tmpdir(), 'demo-signup-mail-'));

function mail(instant: string, to: string, code: string): void {
  const name = `${instant.replace(/[:.]/g, '-')}-${to.replace(/[^A-Za-z0-9@._-]/g, '_')}.eml`;
  writeFileSync(
    join(mailDir, name),
    `Subject: =?UTF-8?Q?Kay=C4=B1t_do=C4=9Frulama_kodunuz?=\r\n\r\nAşağıdaki kodu girin.\r\n\r\n${code}\r\n\r\nKod 10 dakika geçerlidir.\r\n`,
  );
}

describe('the sign-up code from the mail folder', () => {
  after(() => rmSync(mailDir, { recursive: true, force: true }));

  it('newest mail to the owner', async () => {
    const since = new Date('2026-12-04T10:00:00.000Z');
    mail('2026-12-04T09:00:00.000Z', 'owner+demo@example.com', '111111');
    mail('2026-12-04T10:00:01.000Z', 'owner+demo@example.com', '222222');
    mail('2026-12-04T10:00:02.000Z', 'owner+demo@example.com', '333333');
    mail('2026-12-04T10:00:03.000Z', 'someone@example.com', '444444');

    assert.equal(await waitForSignupCode(mailDir, 'owner+demo@example.com', since), '333333');
  });

  it('missing mail times out', async () => {
    await assert.rejects(
      waitForSignupCode(join(mailDir, 'missing'), 'nobody@example.com', new Date(), 300),
      /No sign-up mail to nobody@example.com appeared in .*missing within 0.3 s.*MAIL_TRANSPORT=file/,
    );
  });
});

describe('the progress printer', () => {
  it('table columns aligned', () => {
    const lines: string[] = [];
    new Progress((line) => lines.push(line)).table(
      ['method', 'amount (TRY)'],
      [
        ['CASH', '1200.00'],
        ['CREDIT_CARD', '62.50'],
      ],
    );
    assert.deepEqual(lines, [
      '  method       amount (TRY)',
      '  ───────────  ────────────',
      '  CASH              1200.00',
      '  CREDIT_CARD         62.50',
    ]);
  });
});
