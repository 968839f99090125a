import { connect, type ChannelModel } from 'amqplib';

/** A message read from a queue and left in it. */
export interface PeekedMessage {
  routingKey: string;
  headers: Record<string, unknown>;
  body: string;
}

async function withChannel<T>(
  connection: ChannelModel,
  work: (channel: Awaited<ReturnType<ChannelModel['createChannel']>>) => Promise<T>,
): Promise<T> {
  const channel = await connection.createChannel();
  // A failed declaration closes the channel itself; closing it again only throws.
  channel.on('error', () => undefined);
  try {
    return await work(channel);
  } finally {
    await channel.close().catch(() => undefined);
  }
}

/** Ready messages of each queue; a queue that does not exist counts 0. */
export async function countQueueMessages(
  url: string,
  queues: string[],
): Promise<Map<string, number>> {
  const connection = await connect(url);
  try {
    const counts = new Map<string, number>();
    for (const queue of queues) {
      const count = await withChannel(connection, async (channel) => {
        const { messageCount } = await channel.checkQueue(queue);
        return messageCount;
      }).catch(() => 0);
      counts.set(queue, count);
    }
    return counts;
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/** Reads every ready message of a queue without acknowledging them, so they stay in the queue. */
export async function peekQueue(url: string, queue: string): Promise<PeekedMessage[]> {
  const connection = await connect(url);
  try {
    return await withChannel(connection, async (channel) => {
      const messages: PeekedMessage[] = [];
      for (;;) {
        const message = await channel.get(queue, { noAck: false });
        if (message === false) return messages;
        messages.push({
          routingKey: message.fields.routingKey,
          headers: (message.properties.headers ?? {}) as Record<string, unknown>,
          body: message.content.toString('utf8'),
        });
      }
    });
  } finally {
    // Closing returns the unacknowledged messages to the queue.
    await connection.close().catch(() => undefined);
  }
}

/** Publishes a body as it is, persistent and confirmed, to a topic exchange. */
export async function publishRawMessage(
  url: string,
  exchange: string,
  routingKey: string,
  body: string,
): Promise<void> {
  const connection = await connect(url);
  try {
    const channel = await connection.createConfirmChannel();
    channel.publish(exchange, routingKey, Buffer.from(body), {
      persistent: true,
      contentType: 'application/json',
    });
    await channel.waitForConfirms();
  } finally {
    await connection.close().catch(() => undefined);
  }
}
