import { DateTime } from 'luxon';

/** Every tenant starts in this zone; the demo's month and "today" are taken in it. */
export const DEMO_TIMEZONE = 'Europe/Istanbul';

/** Returns the calendar month before `now` in `zone` as `YYYY-MM`, so every day of it is in the past. */
export function previousMonth(now: Date, zone = DEMO_TIMEZONE): string {
  return DateTime.fromJSDate(now, { zone }).minus({ months: 1 }).toFormat('yyyy-MM');
}

/** Today's date in `zone`, as `YYYY-MM-DD`. */
export function localToday(now: Date, zone = DEMO_TIMEZONE): string {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

/** Returns the first and the last day of a `YYYY-MM` month. */
export function monthBounds(month: string): { from: string; to: string } {
  const start = DateTime.fromISO(`${month}-01`, { zone: 'utc' });
  return { from: start.toISODate()!, to: start.endOf('month').toISODate()! };
}

/** Adds days to a `YYYY-MM-DD` date. */
export function addDays(isoDate: string, days: number): string {
  return DateTime.fromISO(isoDate, { zone: 'utc' }).plus({ days }).toISODate()!;
}
