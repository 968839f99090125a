import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractCode, type ReceivedMail } from '../src/index.js';

function mailWithText(text: string): ReceivedMail {
  return { to: ['member@gym.test'], from: 'no-reply@gym.test', subject: 'Your code', text };
}

describe('extractCode', () => {
  test('returns the 6-digit code', () => {
    assert.equal(
      extractCode(mailWithText('Your sign-in code is 042917. It expires in 10 minutes.')),
      '042917',
    );
  });

  test('accepts the code repeated', () => {
    assert.equal(extractCode(mailWithText('Code: 123456\nOr enter 123456 in the app')), '123456');
  });

  test('ignores longer numbers', () => {
    assert.equal(extractCode(mailWithText('Order 12345678, code 654321')), '654321');
  });

  test('rejects a mail without a code', () => {
    assert.throws(
      () => extractCode(mailWithText('Welcome to the gym')),
      /No 6-digit code in the mail "Your code"/,
    );
  });

  test('rejects two different codes', () => {
    assert.throws(
      () => extractCode(mailWithText('111111 or 222222')),
      /Several 6-digit numbers \(111111, 222222\)/,
    );
  });
});
