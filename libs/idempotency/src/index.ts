export { idempotencyErrors } from './idempotency-errors.js';
export { IdempotencyKey, type IdempotencyKeyState } from './idempotency-key.entity.js';
export {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAY_HEADER,
  IdempotencyInterceptor,
  MAX_IDEMPOTENCY_KEY_LENGTH,
} from './idempotency.interceptor.js';
export { idempotencyEntities, idempotencyMigrationSql } from './idempotency.migration.js';
export { Idempotent, IdempotencyModule } from './idempotency.module.js';
export {
  IDEMPOTENCY_OPTIONS,
  MIN_RETENTION_HOURS,
  resolveIdempotencyOptions,
  type IdempotencyOptions,
  type ResolvedIdempotencyOptions,
} from './idempotency.options.js';
export {
  IdempotencyStore,
  type IdempotencyDecision,
  type IdempotencyScope,
} from './idempotency-store.js';
export { canonicalJson, requestFingerprint } from './request-fingerprint.js';
export { recordIdempotentResponse, type IdempotentRequest } from './idempotent-response.js';
