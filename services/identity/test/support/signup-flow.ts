import assert from 'node:assert/strict';
import { extractCode } from '@gym/testing';
import type { IdentityHarness } from './identity-harness.js';

export const strongPassword = 'Kule-Demir-42!x';

let counter = 0;

/** A fresh email on the example.com domain, unique within the test run. */
export function newEmail(label = 'owner'): string {
  counter += 1;
  return `${label}.${process.pid}.${Date.now()}.${counter}@example.com`;
}

/** Runs signup start and verify through HTTP, reading the code from the test SMTP server. */
export async function signUp(harness: IdentityHarness, email = newEmail()) {
  const mailsBefore = harness.smtp.mails.length;
  const start = await harness.request('POST', '/api/v1/auth/signup/start', {
    body: {
      email,
      password: strongPassword,
      fullName: 'Ayşe Yılmaz',
      gymName: 'Çınar Spor Salonu',
    },
  });
  assert.equal(
    start.status,
    202,
    `signup start answered ${start.status}: ${JSON.stringify(start.body)}`,
  );

  const mail = await harness.smtp.waitForMail(email, { after: mailsBefore });
  const code = extractCode(mail);
  const verify = await harness.request('POST', '/api/v1/auth/signup/verify', {
    body: { email, code },
  });
  assert.equal(
    verify.status,
    201,
    `signup verify answered ${verify.status}: ${JSON.stringify(verify.body)}`,
  );
  return { email, password: strongPassword, ...verify.body } as {
    email: string;
    password: string;
    accessToken: string;
    refreshToken: string;
    expiresIn: number;
    user: { id: string; role: string };
    tenant: { id: string; timezone: string; locale: string; currency: string };
  };
}
