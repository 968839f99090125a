import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Country assumed for numbers typed without a country code: the platform's gyms are in Turkey. */
export const DEFAULT_PHONE_COUNTRY = 'TR';

/**
 * Returns the number in E.164 (`+905321234567`), or undefined when it is not a valid number.
 * `0532 123 45 67`, `5321234567` and `+90 532 123 45 67` all give `+905321234567`.
 */
export function normalizePhone(input: string): string | undefined {
  const parsed = parsePhoneNumberFromString(input, DEFAULT_PHONE_COUNTRY);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** Returns the digit forms a member is found by: E.164 without `+`, and the national form with its trunk 0. */
export function phoneSearchDigits(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  const international = e164.replace(/\D/g, '');
  if (!parsed) return international;
  const national = parsed.formatNational().replace(/\D/g, '');
  return `${international} ${national}`;
}
