/** The PostgreSQL schema catalog owns; no other service reads or writes it. */
export const CATALOG_SCHEMA = 'catalog';
