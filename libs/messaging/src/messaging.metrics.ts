import { Counter, Gauge, register } from 'prom-client';
import { eventsConsumedCounter } from '@gym/telemetry';

// Every metric lives on prom-client's default registry. A name that is already registered
// (a second copy of this module, or tests that import it twice) is reused, not registered again.

function counter<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
): Counter<L> {
  const existing = register.getSingleMetric(name);
  if (existing) return existing as Counter<L>;
  return new Counter({ name, help, labelNames });
}

function gauge<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  collect?: (this: Gauge<L>) => Promise<void>,
): Gauge<L> {
  const existing = register.getSingleMetric(name);
  if (existing) return existing as Gauge<L>;
  return collect
    ? new Gauge({ name, help, labelNames, collect })
    : new Gauge({ name, help, labelNames });
}

export interface OutboxBacklog {
  /** Number of unsent rows. */
  size: number;
  /** Age of the oldest unsent row in seconds, 0 when there is none. */
  oldestAgeSeconds: number;
}

type BacklogSource = () => Promise<OutboxBacklog>;

const backlogSources = new Set<BacklogSource>();
let latestBacklog: OutboxBacklog = { size: 0, oldestAgeSeconds: 0 };

/** Reads the backlog of every running relay once per scrape. When every read fails, the gauges keep their last values. */
async function collectBacklog(): Promise<void> {
  const results = await Promise.allSettled([...backlogSources].map((source) => source()));
  const readings = results.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  if (readings.length === 0 && backlogSources.size > 0) return;

  latestBacklog = {
    size: readings.reduce((sum, reading) => sum + reading.size, 0),
    oldestAgeSeconds: readings.reduce(
      (oldest, reading) => Math.max(oldest, reading.oldestAgeSeconds),
      0,
    ),
  };
}

let pendingCollection: Promise<void> | undefined;

/** Shares one backlog read between the two outbox gauges, which prom-client collects concurrently. */
function collectBacklogOnce(): Promise<void> {
  pendingCollection ??= collectBacklog().finally(() => {
    pendingCollection = undefined;
  });
  return pendingCollection;
}

export const messagingMetrics = {
  eventsPublished: counter(
    'messaging_events_published_total',
    'Events published to the broker and confirmed by it.',
    ['type'],
  ),
  publishFailures: counter(
    'messaging_event_publish_failures_total',
    'Event publish attempts that failed; the outbox row is retried.',
    ['type'],
  ),
  eventsConsumed: eventsConsumedCounter(),
  outboxBacklog: gauge(
    'messaging_outbox_backlog',
    'Outbox rows not yet published.',
    [],
    async function () {
      await collectBacklogOnce();
      this.set(latestBacklog.size);
    },
  ),
  outboxOldestAge: gauge(
    'messaging_outbox_oldest_age_seconds',
    'Age of the oldest outbox row not yet published, in seconds.',
    [],
    async function () {
      await collectBacklogOnce();
      this.set(latestBacklog.oldestAgeSeconds);
    },
  ),
  rpcRequests: counter(
    'messaging_rpc_requests_total',
    'RPC calls by outcome: success, remote_error, timeout or unavailable.',
    ['pattern', 'outcome'],
  ),
  circuitBreakerState: gauge(
    'circuit_breaker_state',
    'Circuit breaker state per target: 0 closed, 1 half-open, 2 open.',
    ['target'],
  ),
};

/** Adds a relay's backlog to the outbox gauges until the returned function is called. */
export function addOutboxBacklogSource(source: BacklogSource): () => void {
  backlogSources.add(source);
  return () => backlogSources.delete(source);
}
