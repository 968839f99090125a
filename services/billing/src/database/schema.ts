/** The PostgreSQL schema billing owns; no other service reads or writes it. */
export const BILLING_SCHEMA = 'billing';
