import type { DurationUnit } from '../plans/plan.entity.js';
import { formatDate, parseDate } from '../common/business-date.js';

/**
 * Returns the last day of a term that starts on `startDate` (both inclusive). A term of N days
 * ends N - 1 days after its start. A term of N months ends the day before the same day of the
 * month N months later (15 Jan + 1 month ends 14 Feb). When that month is too short for the
 * start day, the term ends on the month's last day (31 Jan + 1 month ends 28 Feb).
 */
export function membershipEndDate(
  startDate: string,
  durationValue: number,
  durationUnit: DurationUnit,
): string {
  const start = parseDate(startDate);
  if (durationUnit === 'DAY') {
    return formatDate(start.plus({ days: durationValue - 1 }));
  }

  const sameDayLater = start.plus({ months: durationValue });
  const clamped = sameDayLater.day !== start.day;
  return formatDate(clamped ? sameDayLater : sameDayLater.minus({ days: 1 }));
}
