import { IANAZone } from 'luxon';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Checks that `value` names an IANA time zone. Offsets such as `+03:00` are rejected although
 * Intl accepts them, because business dates need a zone with its daylight-saving rules.
 */
export function isIanaTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || /^[+-]/.test(value)) return false;
  return IANAZone.isValidZone(value);
}

/** Returns the canonical spelling of a valid zone, so `europe/istanbul` is stored as `Europe/Istanbul`. */
export function canonicalTimeZone(zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

/** class-validator rule for an IANA time zone; its message key is `isTimeZone`. */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isTimeZone', validator: { validate: isIanaTimeZone } }, options);
}
