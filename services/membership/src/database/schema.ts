/** The PostgreSQL schema membership owns; no other service reads or writes it. */
export const MEMBERSHIP_SCHEMA = 'membership';
