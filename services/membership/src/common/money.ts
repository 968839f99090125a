/** A non-negative amount with at most 10 integer digits and 2 decimals, fitting numeric(12,2). */
export const MONEY_PATTERN = /^(0|[1-9]\d{0,9})(\.\d{1,2})?$/;
