import { DateTime } from 'luxon';

/** Years a business date or month may have, as the owners accept them. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

function withinSupportedYears(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
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

/** True when `value` is a real month written `YYYY-MM`. */
export function isCalendarMonth(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^\d{4}-(0[1-9]|1[0-2])$/.test(value) &&
    withinSupportedYears(value)
  );
}
