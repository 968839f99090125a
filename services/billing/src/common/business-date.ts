import { DateTime } from 'luxon';

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
    DateTime.fromISO(value, { zone: 'utc' }).isValid
  );
}

/** True when `value` is a real month written `YYYY-MM`. */
export function isCalendarMonth(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** Returns the month `YYYY-MM` of a date `YYYY-MM-DD`. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}
