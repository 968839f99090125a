import type { Channel } from 'amqplib';
import type { ResolvedMessagingOptions } from './messaging.options.js';

/** Names of the broker objects that carry events to one consuming service. */
export interface EventTopologyNames {
  /** Topic exchange shared by all services. */
  exchange: string;
  /** Quorum queue `<service>.events`, bound to the service's subscriptions. */
  queue: string;
  /** Fanout exchange that the event queue dead-letters into. */
  deadLetterExchange: string;
  /** Queue `<service>.events.dlq` that keeps events which failed every attempt or could not be parsed. */
  deadLetterQueue: string;
  /** One delay queue per distinct backoff, which expires messages back into the event queue. */
  retryQueues: { name: string; delayMs: number }[];
}

// A quorum queue redelivers a message at most this many times after consumer crashes or requeues,
// then dead-letters it. Handler failures do not count because they go through the retry queues.
const DELIVERY_LIMIT = 20;

export function eventTopologyNames(
  options: Pick<ResolvedMessagingOptions, 'serviceName' | 'exchange' | 'retry'>,
): EventTopologyNames {
  const queue = `${options.serviceName}.events`;
  const delays = [...new Set(options.retry.backoffMs)];
  return {
    exchange: options.exchange,
    queue,
    deadLetterExchange: `${queue}.dlx`,
    deadLetterQueue: `${queue}.dlq`,
    retryQueues: delays.map((delayMs) => ({ name: `${queue}.retry.${delayMs}ms`, delayMs })),
  };
}

/** Returns the retry queue for a failed delivery: retry n waits backoffMs[n-1], and the last wait repeats. */
export function retryQueueFor(
  names: EventTopologyNames,
  backoffMs: number[],
  failedAttempt: number,
): string {
  const delayMs = backoffMs[Math.min(failedAttempt, backoffMs.length) - 1]!;
  return names.retryQueues.find((queue) => queue.delayMs === delayMs)!.name;
}

export async function declareEventTopology(
  channel: Channel,
  names: EventTopologyNames,
  routingKeys: string[],
): Promise<void> {
  await channel.assertExchange(names.deadLetterExchange, 'fanout', { durable: true });
  await channel.assertQueue(names.deadLetterQueue, {
    durable: true,
    arguments: { 'x-queue-type': 'quorum' },
  });
  await channel.bindQueue(names.deadLetterQueue, names.deadLetterExchange, '');

  await channel.assertQueue(names.queue, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-dead-letter-exchange': names.deadLetterExchange,
      'x-delivery-limit': DELIVERY_LIMIT,
    },
  });
  for (const routingKey of routingKeys) {
    await channel.bindQueue(names.queue, names.exchange, routingKey);
  }

  // Classic queues, because quorum queues support message TTL only from RabbitMQ 3.10 on (3.10.0
  // release notes). One fixed TTL per queue makes messages expire in arrival order at the head, and
  // the default exchange routes each one back to the event queue by name.
  for (const retryQueue of names.retryQueues) {
    await channel.assertQueue(retryQueue.name, {
      durable: true,
      arguments: {
        'x-message-ttl': retryQueue.delayMs,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': names.queue,
      },
    });
  }
}
