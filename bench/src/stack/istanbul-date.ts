/** Today in Europe/Istanbul, the zone every new tenant starts in, as YYYY-MM-DD. */
export function istanbulToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Istanbul' }).format(new Date());
}
