/** The PostgreSQL schema reporting owns; no other service reads or writes it. */
export const REPORTING_SCHEMA = 'reporting';
