import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { REPORTING_SCHEMA } from '../database/schema.js';

/** The zone of a tenant whose created event has not arrived yet; every new tenant starts in it. */
export const DEFAULT_TIME_ZONE = 'Europe/Istanbul';

/** Returns the calendar date `YYYY-MM-DD` of `instant` in `zone`. */
export function localDate(instant: Date | string, zone: string): string {
  const value = typeof instant === 'string' ? new Date(instant) : instant;
  return DateTime.fromJSDate(value, { zone }).toISODate()!;
}

/** Returns the month `YYYY-MM` of a date `YYYY-MM-DD`. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** Returns the month `count` months after `month` (before it for a negative count). */
export function addMonths(month: string, count: number): string {
  return DateTime.fromISO(`${month}-01`, { zone: 'utc' })
    .plus({ months: count })
    .toFormat('yyyy-MM');
}

export function addDays(date: string, count: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days: count }).toISODate()!;
}

/** Returns the last day `YYYY-MM-DD` of a month `YYYY-MM`. */
export function lastDayOf(month: string): string {
  return DateTime.fromISO(`${month}-01`, { zone: 'utc' }).endOf('month').toISODate()!;
}

/** Returns the tenant's IANA zone from the replica, or the platform default before it arrives. */
export async function tenantTimeZone(manager: EntityManager, tenantId: string): Promise<string> {
  const rows: { timezone: string }[] = await manager.query(
    `SELECT timezone FROM ${REPORTING_SCHEMA}.tenants WHERE tenant_id = $1`,
    [tenantId],
  );
  return rows[0]?.timezone ?? DEFAULT_TIME_ZONE;
}
