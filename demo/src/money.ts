/**
 * Money as the API sends it, a decimal string with at most 2 decimals, converted to whole kuruş
 * so sums are exact.
 */
export function toKurus(amount: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) throw new Error(`not a money amount: "${amount}"`);
  const kurus = BigInt(match[2]!) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -kurus : kurus;
}

/** Whole kuruş as the API's decimal string: 123450n → "1234.50". */
export function formatKurus(kurus: bigint): string {
  const sign = kurus < 0n ? '-' : '';
  const absolute = kurus < 0n ? -kurus : kurus;
  return `${sign}${absolute / 100n}.${String(absolute % 100n).padStart(2, '0')}`;
}

/** Multiplies an amount by a whole quantity. */
export function timesQuantity(amount: string, quantity: number): bigint {
  return toKurus(amount) * BigInt(quantity);
}
