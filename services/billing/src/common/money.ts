/**
 * A positive amount with at most 8 integer digits and 2 decimals, so at most 99,999,999.99 for
 * one payment. It fits numeric(12,2) with room for sums; zero, signs, exponents and a third
 * decimal do not match. Amounts stay strings in TypeScript: sums are computed by PostgreSQL.
 */
export const PAYMENT_AMOUNT_PATTERN = /^(?!0+(\.0{1,2})?$)(0|[1-9]\d{0,7})(\.\d{1,2})?$/;

export const MAX_PAYMENT_AMOUNT = '99999999.99';
