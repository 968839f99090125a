import type { ReceivedMail } from './received-mail.js';

/** Six digits not preceded or followed by another digit. */
const SIX_DIGITS = /(?<!\d)\d{6}(?!\d)/g;

/**
 * Returns the 6-digit code in the text of a mail. Throws when the text has no 6-digit number,
 * or several different ones, as a test cannot tell which one is the code.
 */
export function extractCode(mail: ReceivedMail): string {
  const codes = [...new Set(mail.text.match(SIX_DIGITS) ?? [])];
  const described = `the mail "${mail.subject}" to ${mail.to.join(', ')}`;

  if (codes.length === 0) {
    throw new Error(`No 6-digit code in ${described}; its text is: ${mail.text}`);
  }
  if (codes.length > 1) {
    throw new Error(
      `Several 6-digit numbers (${codes.join(', ')}) in ${described}; expected one code`,
    );
  }
  return codes[0]!;
}
