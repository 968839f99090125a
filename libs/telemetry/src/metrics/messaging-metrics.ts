import type { Counter } from 'prom-client';
import { getOrCreateCounter, getOrCreateGauge } from './metric-factory.js';

export type EventConsumeOutcome =
  'processed' | 'duplicate' | 'retried' | 'dead_lettered' | 'malformed' | 'unhandled';

/** Event deliveries by outcome, shared by the services' consumers and the gateway's. */
export function eventsConsumedCounter(): Counter<'type' | 'outcome'> {
  return getOrCreateCounter({
    name: 'messaging_events_consumed_total',
    help: 'Event deliveries by outcome: processed, duplicate, retried, dead_lettered, malformed or unhandled.',
    labelNames: ['type', 'outcome'],
  });
}

type DepthSource = () => Promise<number>;

const deadLetterQueues = new Map<string, DepthSource>();

function deadLetterGauge() {
  return getOrCreateGauge({
    name: 'messaging_dead_letter_messages',
    help: 'Messages waiting in a dead-letter queue of this process, read from the broker at each scrape',
    labelNames: ['queue'],
    async collect() {
      const readings = await Promise.allSettled(
        [...deadLetterQueues].map(async ([queue, read]) => ({ queue, depth: await read() })),
      );
      // A queue that cannot be read (broker down) keeps its last value.
      for (const reading of readings) {
        if (reading.status === 'fulfilled')
          this.set({ queue: reading.value.queue }, reading.value.depth);
      }
    },
  });
}

/** Reports the depth of a dead-letter queue at each scrape until the returned function is called. */
export function addDeadLetterQueue(queue: string, read: DepthSource): () => void {
  const gauge = deadLetterGauge();
  deadLetterQueues.set(queue, read);
  return () => {
    deadLetterQueues.delete(queue);
    gauge.remove({ queue });
  };
}
