import { DateTime } from 'luxon';

/**
 * Years a business date may have. PostgreSQL rejects year 0, and an end date computed past
 * 9999 cannot be written as YYYY-MM-DD, so dates outside this range are invalid input.
 */
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

function withinSupportedYears(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** The tenant's default zone when its replica has not arrived yet; new tenants start in it. */
export const DEFAULT_TIME_ZONE = 'Europe/Istanbul';

/** Returns the calendar date `YYYY-MM-DD` of `instant` in `zone`. */
export function businessDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

/** True when `value` is a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    withinSupportedYears(value) &&
    DateTime.fromISO(value, { zone: 'utc' }).isValid
  );
}
