/** Parses a decimal money string such as "1350.00" into whole cents. */
export function toCents(amount: string): bigint {
  const match = /^(\d+)\.(\d{2})$/.exec(amount);
  if (!match)
    throw new Error(`invalid money amount "${amount}": expected digits, a dot and two decimals`);
  return BigInt(match[1]!) * 100n + BigInt(match[2]!);
}

/**
 * Returns how many payments of `amount` each make up `total`. Fails when `total` is no whole
 * multiple, which means the report also counted a payment of another amount.
 */
export function paymentCountOf(total: string, amount: string): number {
  const each = toCents(amount);
  if (each === 0n) throw new Error('the payment amount must be above zero');
  const cents = toCents(total);
  if (cents % each !== 0n)
    throw new Error(
      `revenue total ${total} is not a whole multiple of the payment amount ${amount}`,
    );
  return Number(cents / each);
}
