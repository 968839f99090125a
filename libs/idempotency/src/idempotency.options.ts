import type { Logger } from 'pino';

/** Injection token of the resolved idempotency options. */
export const IDEMPOTENCY_OPTIONS = Symbol('IDEMPOTENCY_OPTIONS');

/** Settings of the Idempotency-Key handling. Durations are in milliseconds unless named otherwise. */
export interface IdempotencyOptions {
  /** Hours a key and its stored response are kept. At least 24; default 24. */
  retentionHours?: number;
  /**
   * Time a repeated request waits for the first one with the same key to finish before it gets
   * 409 IDEMPOTENCY_REQUEST_IN_PROGRESS. Default 5000.
   */
  inProgressWaitMs?: number;
  /** Time after which an IN_PROGRESS key whose request never finished (a crashed process) is free again. Default 60000. */
  lockTimeoutMs?: number;
  /** Pause between two deletions of expired keys; 0 disables the timer. Default 600000. */
  purgeIntervalMs?: number;
  logger: Logger;
}

export type ResolvedIdempotencyOptions = Required<IdempotencyOptions>;

/** Smallest retention the public contract allows: keys are kept at least 24 hours. */
export const MIN_RETENTION_HOURS = 24;

export function resolveIdempotencyOptions(options: IdempotencyOptions): ResolvedIdempotencyOptions {
  const resolved = {
    retentionHours: options.retentionHours ?? MIN_RETENTION_HOURS,
    inProgressWaitMs: options.inProgressWaitMs ?? 5_000,
    lockTimeoutMs: options.lockTimeoutMs ?? 60_000,
    purgeIntervalMs: options.purgeIntervalMs ?? 600_000,
    logger: options.logger,
  };
  if (!(resolved.retentionHours >= MIN_RETENTION_HOURS)) {
    throw new Error(
      `Invalid idempotency option retentionHours: expected at least ${MIN_RETENTION_HOURS}, got ${resolved.retentionHours}`,
    );
  }
  for (const name of ['inProgressWaitMs', 'lockTimeoutMs', 'purgeIntervalMs'] as const) {
    if (!Number.isFinite(resolved[name]) || resolved[name] < 0) {
      throw new Error(
        `Invalid idempotency option ${name}: expected a number of at least 0, got ${resolved[name]}`,
      );
    }
  }
  return resolved;
}
