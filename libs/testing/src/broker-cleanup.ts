import { type Channel, type ChannelModel, connect } from 'amqplib';

export interface BrokerNames {
  exchanges?: string[];
  queues?: string[];
}

/**
 * Deletes the queues, then the exchanges, that a test declared. Names that do not exist are
 * skipped, as RabbitMQ treats their deletion as done. Every name is tried even after a failure,
 * and the failures are thrown together at the end.
 */
export async function deleteBrokerNames(
  url: string,
  { exchanges = [], queues = [] }: BrokerNames,
): Promise<void> {
  const connection = await connect(url);
  const failures: Error[] = [];

  try {
    const deletions = [
      ...queues.map((name) => ({
        kind: 'queue',
        name,
        run: (channel: Channel) => channel.deleteQueue(name),
      })),
      ...exchanges.map((name) => ({
        kind: 'exchange',
        name,
        run: (channel: Channel) => channel.deleteExchange(name),
      })),
    ];
    for (const deletion of deletions) {
      // A failed deletion closes its channel, so each one gets a channel of its own.
      await deleteWithChannel(connection, deletion.run).catch((error: unknown) =>
        failures.push(
          new Error(`Deleting ${deletion.kind} "${deletion.name}" failed: ${String(error)}`),
        ),
      );
    }
  } finally {
    await connection.close();
  }

  if (failures.length > 0) {
    throw new AggregateError(failures, `Could not delete ${failures.length} broker names`);
  }
}

async function deleteWithChannel(
  connection: ChannelModel,
  run: (channel: Channel) => Promise<unknown>,
) {
  const channel = await connection.createChannel();
  // The server closes the channel with an error event on a failed deletion; the rejection of
  // `run` already reports it.
  channel.on('error', () => undefined);
  await run(channel);
  await channel.close();
}
