import type { Logger } from 'pino';

/** Settings of the messaging library for one service. Durations are in milliseconds unless named otherwise. */
export interface MessagingOptions {
  /** AMQP URL of the broker. */
  url: string;
  /** Name of this service, which prefixes every queue the service owns (`<service>.events`, `<service>.rpc`). */
  serviceName: string;
  /** Durable topic exchange for domain events. The RPC exchange is named `<exchange>.rpc`. */
  exchange: string;
  /** Routing keys the service's event queue is bound to. Each needs exactly one handler, and wildcards are not allowed. */
  subscriptions?: string[];
  /** Maximum number of unacknowledged deliveries per consumer channel. Default 10. */
  prefetch?: number;
  retry?: {
    /** Deliveries of a failing event before it goes to the dead-letter queue, the first delivery included. Default 5. */
    maxAttempts?: number;
    /** Wait before each retry: retry n uses entry n-1, and the last entry repeats. Default [1000, 5000, 30000, 120000]. */
    backoffMs?: number[];
  };
  outbox?: {
    /** Pause between two relay passes when nothing wakes the relay. Default 1000. */
    pollIntervalMs?: number;
    /**
     * Wait between a wake-up after a commit and the pass it starts, so rows committed close
     * together leave in one batch: one claim and one update for many rows. 0 starts at once.
     * Default 10.
     */
    wakeDelayMs?: number;
    /** Maximum rows claimed and published in one transaction. Default 100. */
    batchSize?: number;
    /** Hours that sent rows are kept before they are deleted. Default 72. */
    retentionHours?: number;
    /** Wait before the first republish of a failed row, doubled with each further failure. Default 1000. */
    retryBackoffMs?: number;
    /** Upper bound of the wait between republishes of a failed row. Default 60000. */
    maxRetryBackoffMs?: number;
    /** Maximum wait for the broker's confirm of one message. Default 10000. */
    publishTimeoutMs?: number;
    /** Pause between two deletions of expired rows, in the outbox and in the inbox. Default 600000. */
    purgeIntervalMs?: number;
  };
  inbox?: {
    /** Hours that processed event ids are kept for duplicate detection. Default 720 (30 days). */
    retentionHours?: number;
  };
  rpc?: {
    /** Default deadline of a call. Default 3000. */
    timeoutMs?: number;
    /** Maximum number of requests the RPC server handles at once. Default 10. */
    prefetch?: number;
    breaker?: {
      /** Failure percentage in the rolling window that opens the circuit. Default 50. */
      errorThresholdPercentage?: number;
      /** Time an open circuit waits before it lets one trial call through. Default 10000. */
      resetTimeoutMs?: number;
      /** Minimum number of calls in the rolling window before the circuit may open. Default 5. */
      volumeThreshold?: number;
      /** Length of the rolling statistics window. Default 10000. */
      rollingCountTimeoutMs?: number;
    };
  };
  reconnect?: {
    /** Wait before the first reconnect attempt, doubled with each further failure. Default 500. */
    initialDelayMs?: number;
    /** Upper bound of the wait between reconnect attempts. Default 15000. */
    maxDelayMs?: number;
  };
  logger: Logger;
}

export interface ResolvedMessagingOptions {
  url: string;
  serviceName: string;
  exchange: string;
  subscriptions: string[];
  prefetch: number;
  retry: { maxAttempts: number; backoffMs: number[] };
  outbox: {
    pollIntervalMs: number;
    wakeDelayMs: number;
    batchSize: number;
    retentionHours: number;
    retryBackoffMs: number;
    maxRetryBackoffMs: number;
    publishTimeoutMs: number;
    purgeIntervalMs: number;
  };
  inbox: { retentionHours: number };
  rpc: {
    timeoutMs: number;
    prefetch: number;
    breaker: {
      errorThresholdPercentage: number;
      resetTimeoutMs: number;
      volumeThreshold: number;
      rollingCountTimeoutMs: number;
    };
  };
  reconnect: { initialDelayMs: number; maxDelayMs: number };
  logger: Logger;
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function requirePositive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`Invalid messaging option ${name}: expected a positive number, got ${value}`);
  }
  return value;
}

function requireNonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`Invalid messaging option ${name}: expected 0 or more, got ${value}`);
  }
  return value;
}

function requireName(name: string, value: string | undefined): string {
  if (!value || !NAME_PATTERN.test(value)) {
    throw new Error(
      `Invalid messaging option ${name}: expected letters, digits, '.', '_' or '-', got "${value ?? ''}"`,
    );
  }
  return value;
}

function resolveSubscriptions(keys: string[] | undefined): string[] {
  const unique = [...new Set(keys ?? [])];
  for (const key of unique) {
    if (!key || key.includes('*') || key.includes('#')) {
      throw new Error(
        `Invalid subscription "${key}": list exact routing keys such as membership.member.created, without wildcards`,
      );
    }
  }
  return unique;
}

/** Fills in the defaults and validates the values, naming the first invalid option. */
export function resolveMessagingOptions(options: MessagingOptions): ResolvedMessagingOptions {
  if (!options.url) throw new Error('Missing messaging option url: set the AMQP URL of the broker');

  const backoffMs = options.retry?.backoffMs ?? [1000, 5000, 30000, 120000];
  if (backoffMs.length === 0)
    throw new Error('Invalid messaging option retry.backoffMs: list at least one wait');
  backoffMs.forEach((wait, index) => requirePositive(`retry.backoffMs[${index}]`, wait));

  const breaker = options.rpc?.breaker;
  return {
    url: options.url,
    serviceName: requireName('serviceName', options.serviceName),
    exchange: requireName('exchange', options.exchange),
    subscriptions: resolveSubscriptions(options.subscriptions),
    prefetch: requirePositive('prefetch', options.prefetch ?? 10),
    retry: {
      maxAttempts: requirePositive('retry.maxAttempts', options.retry?.maxAttempts ?? 5),
      backoffMs,
    },
    outbox: {
      pollIntervalMs: requirePositive(
        'outbox.pollIntervalMs',
        options.outbox?.pollIntervalMs ?? 1000,
      ),
      wakeDelayMs: requireNonNegative('outbox.wakeDelayMs', options.outbox?.wakeDelayMs ?? 10),
      batchSize: requirePositive('outbox.batchSize', options.outbox?.batchSize ?? 100),
      retentionHours: requirePositive(
        'outbox.retentionHours',
        options.outbox?.retentionHours ?? 72,
      ),
      retryBackoffMs: requirePositive(
        'outbox.retryBackoffMs',
        options.outbox?.retryBackoffMs ?? 1000,
      ),
      maxRetryBackoffMs: requirePositive(
        'outbox.maxRetryBackoffMs',
        options.outbox?.maxRetryBackoffMs ?? 60_000,
      ),
      publishTimeoutMs: requirePositive(
        'outbox.publishTimeoutMs',
        options.outbox?.publishTimeoutMs ?? 10_000,
      ),
      purgeIntervalMs: requirePositive(
        'outbox.purgeIntervalMs',
        options.outbox?.purgeIntervalMs ?? 600_000,
      ),
    },
    inbox: {
      retentionHours: requirePositive('inbox.retentionHours', options.inbox?.retentionHours ?? 720),
    },
    rpc: {
      timeoutMs: requirePositive('rpc.timeoutMs', options.rpc?.timeoutMs ?? 3000),
      prefetch: requirePositive('rpc.prefetch', options.rpc?.prefetch ?? 10),
      breaker: {
        errorThresholdPercentage: requirePositive(
          'rpc.breaker.errorThresholdPercentage',
          breaker?.errorThresholdPercentage ?? 50,
        ),
        resetTimeoutMs: requirePositive(
          'rpc.breaker.resetTimeoutMs',
          breaker?.resetTimeoutMs ?? 10_000,
        ),
        volumeThreshold: breaker?.volumeThreshold ?? 5,
        rollingCountTimeoutMs: requirePositive(
          'rpc.breaker.rollingCountTimeoutMs',
          breaker?.rollingCountTimeoutMs ?? 10_000,
        ),
      },
    },
    reconnect: {
      initialDelayMs: requirePositive(
        'reconnect.initialDelayMs',
        options.reconnect?.initialDelayMs ?? 500,
      ),
      maxDelayMs: requirePositive('reconnect.maxDelayMs', options.reconnect?.maxDelayMs ?? 15_000),
    },
    logger: options.logger,
  };
}
