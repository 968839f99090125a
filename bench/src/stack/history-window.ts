/** The days a bulk-loaded payment history covers, both ends included. */
export interface HistoryWindow {
  /** The first day of the month `months - 1` months before the month of `lastDay`. */
  firstDay: string;
  lastDay: string;
  days: number;
}

const DAY_MS = 86_400_000;

function utcDate(day: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day))
    throw new Error(`invalid date "${day}": expected YYYY-MM-DD`);
  return new Date(`${day}T00:00:00Z`);
}

/** Returns the window of `months` calendar months that ends on `lastDay`, so its last month is partial. */
export function historyWindow(lastDay: string, months: number): HistoryWindow {
  if (!Number.isInteger(months) || months < 1)
    throw new Error(`months must be a whole number ≥ 1, got ${months}`);
  const last = utcDate(lastDay);
  const first = new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth() - (months - 1), 1));
  const firstDay = first.toISOString().slice(0, 10);
  return { firstDay, lastDay, days: (last.getTime() - first.getTime()) / DAY_MS + 1 };
}

/** Returns the month `YYYY-MM` before the month of `day` (`YYYY-MM-DD`). */
export function previousMonth(day: string): string {
  const date = utcDate(day);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1))
    .toISOString()
    .slice(0, 7);
}

/** Returns the last day `YYYY-MM-DD` of a month `YYYY-MM`. */
export function lastDayOfMonth(month: string): string {
  const first = utcDate(`${month}-01`);
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0))
    .toISOString()
    .slice(0, 10);
}

/** Returns the day `count` days after `day` (before it for a negative count). */
export function addDays(day: string, count: number): string {
  return new Date(utcDate(day).getTime() + count * DAY_MS).toISOString().slice(0, 10);
}
