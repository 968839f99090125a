/** The PostgreSQL schema identity owns; no other service reads or writes it. */
export const IDENTITY_SCHEMA = 'identity';
