/** The PostgreSQL schema membership owns; no other service reads or writes it. */
export const MEMBERSHIP_SCHEMA = 'membership';

/** Extensions the migrations need: pg_trgm and btree_gin for the member search index. */
export const MEMBERSHIP_EXTENSIONS = ['pgcrypto', 'pg_trgm', 'btree_gin'];
