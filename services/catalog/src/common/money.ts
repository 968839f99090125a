/**
 * A positive price with at most 8 integer digits and 2 decimals, so at most 99,999,999.99. It
 * fits numeric(12,2); zero, signs, exponents and a third decimal do not match.
 */
export const PRICE_PATTERN = /^(?!0+(\.0{1,2})?$)(0|[1-9]\d{0,7})(\.\d{1,2})?$/;

export const MAX_PRICE = '99999999.99';

/** Parses a decimal string with at most 2 decimals, as numeric(12,2) returns it, into cents. */
export function toCents(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/** Formats cents as a decimal string with exactly 2 decimals, such as "59.97". */
export function fromCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const absolute = cents < 0n ? -cents : cents;
  return `${sign}${absolute / 100n}.${(absolute % 100n).toString().padStart(2, '0')}`;
}
