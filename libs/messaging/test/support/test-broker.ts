import { randomBytes } from 'node:crypto';
import { connect, type ConsumeMessage } from 'amqplib';
import { pino } from 'pino';
import {
  eventTopologyNames,
  resolveMessagingOptions,
  rpcExchangeName,
  rpcQueueName,
  type MessagingOptions,
  type ResolvedMessagingOptions,
} from '../../src/index.js';

export function amqpUrl(): string {
  const url = process.env.TEST_AMQP_URL;
  if (!url)
    throw new Error(
      'Missing TEST_AMQP_URL: run the tests through scripts/test.mjs, which loads test.env',
    );
  return url;
}

/** Options with unique broker names and test-sized timings; TEST_LOG_LEVEL shows the library's logs. */
export function testOptions(overrides: Partial<MessagingOptions> = {}): ResolvedMessagingOptions {
  const suffix = randomBytes(4).toString('hex');
  return resolveMessagingOptions({
    url: amqpUrl(),
    serviceName: `msgtest-${suffix}`,
    exchange: `msgtest-${suffix}.events`,
    prefetch: 5,
    retry: { maxAttempts: 3, backoffMs: [30, 60] },
    outbox: {
      pollIntervalMs: 100,
      batchSize: 20,
      retryBackoffMs: 50,
      maxRetryBackoffMs: 200,
      publishTimeoutMs: 2000,
    },
    rpc: {
      timeoutMs: 1000,
      breaker: { resetTimeoutMs: 500, volumeThreshold: 2, errorThresholdPercentage: 50 },
    },
    reconnect: { initialDelayMs: 100, maxDelayMs: 500 },
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...overrides,
  });
}

/** Deletes every queue and exchange the library declares for these options. */
export async function deleteBrokerObjects(
  options: ResolvedMessagingOptions,
  url = amqpUrl(),
): Promise<void> {
  const names = eventTopologyNames(options);
  const queues = [
    names.queue,
    names.deadLetterQueue,
    ...names.retryQueues.map((queue) => queue.name),
    rpcQueueName(options.serviceName),
  ];
  const exchanges = [names.exchange, names.deadLetterExchange, rpcExchangeName(options.exchange)];

  const connection = await connect(url);
  try {
    for (const queue of queues) {
      const channel = await connection.createChannel();
      await channel.deleteQueue(queue);
      await channel.close();
    }
    for (const exchange of exchanges) {
      const channel = await connection.createChannel();
      await channel.deleteExchange(exchange);
      await channel.close();
    }
  } finally {
    await connection.close();
  }
}

/** An exclusive queue bound to every routing key of an exchange, recording what is published. */
export interface Probe {
  messages: ConsumeMessage[];
  ids(): string[];
  close(): Promise<void>;
}

export async function bindProbe(exchange: string, url = amqpUrl()): Promise<Probe> {
  const connection = await connect(url);
  const channel = await connection.createChannel();
  await channel.assertExchange(exchange, 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
  await channel.bindQueue(queue, exchange, '#');

  const messages: ConsumeMessage[] = [];
  await channel.consume(
    queue,
    (message) => {
      if (message) messages.push(message);
    },
    { noAck: true },
  );

  return {
    messages,
    ids: () => messages.map((message) => message.properties.messageId as string),
    close: () => connection.close(),
  };
}

/** Polls `condition` until it holds, failing with `description` after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  description: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await delay(25);
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`);
}

export function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
