import { dictionary } from '@zxcvbn-ts/language-common';

/** Common passwords from zxcvbn-ts plus words Turkish users often build passwords from. */
const commonPasswords = new Set<string>([
  ...(dictionary['passwords-common'] as string[]),
  'sifre',
  'şifre',
  'parola',
  'galatasaray',
  'fenerbahce',
  'fenerbahçe',
  'besiktas',
  'beşiktaş',
  'trabzonspor',
  'istanbul',
  'ankara',
  'izmir',
  'turkiye',
  'türkiye',
  'asdfgh',
  'qwerty',
  'spor',
  'sporsalonu',
  'gym',
]);

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Checks the password policy: 10–128 characters with a lowercase letter, an uppercase letter, a
 * digit and a symbol. Common passwords are rejected, also when digits or symbols surround them
 * (`Password123!` is rejected because `password` is common).
 */
export function isAcceptablePassword(password: string): boolean {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) return false;
  if (!/\p{Ll}/u.test(password) || !/\p{Lu}/u.test(password)) return false;
  if (!/\p{Nd}/u.test(password) || !/[^\p{L}\p{Nd}]/u.test(password)) return false;

  const lower = password.toLocaleLowerCase('tr');
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return (
    !commonPasswords.has(lower) &&
    !commonPasswords.has(core) &&
    !commonPasswords.has(password.toLowerCase())
  );
}
