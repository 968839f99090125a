import { DateTime } from 'luxon';

/** The tenant's default zone when its replica has not arrived yet; new tenants start in it. */
export const DEFAULT_TIME_ZONE = 'Europe/Istanbul';

/** Returns the calendar date `YYYY-MM-DD` of `instant` in `zone`. */
export function businessDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

/** Parses a `YYYY-MM-DD` date as a zone-free calendar date (UTC midnight, so no DST shifts). */
export function parseDate(date: string): DateTime {
  return DateTime.fromISO(date, { zone: 'utc' });
}

export function formatDate(date: DateTime): string {
  return date.toISODate()!;
}

export function addDays(date: string, days: number): string {
  return formatDate(parseDate(date).plus({ days }));
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round(parseDate(to).diff(parseDate(from), 'days').days);
}

/** True when `value` is a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && parseDate(value).isValid;
}
