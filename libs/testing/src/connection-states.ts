import type { RabbitMqInstance } from './rabbitmq-instance.js';

/** A client connection of a RabbitMQ node. */
export interface ConnectionState {
  /** The `connection_name` client property, empty when the client sent none. */
  name: string;
  /** RabbitMQ's connection state: running, blocking, blocked, flow, closing... */
  state: string;
}

type ClientProperty = [key: string, type: string, value: unknown];

/** Lists the client connections of a private node with their state, read with rabbitmqctl. */
export async function listConnectionStates(
  rabbit: Pick<RabbitMqInstance, 'rabbitmqctl'>,
): Promise<ConnectionState[]> {
  const output = await rabbit.rabbitmqctl([
    'list_connections',
    '--quiet',
    '--formatter',
    'json',
    'client_properties',
    'state',
  ]);
  const rows = JSON.parse(output) as { client_properties: ClientProperty[]; state: string }[];
  return rows.map((row) => {
    const name = row.client_properties.find(([key]) => key === 'connection_name')?.[2];
    return { name: typeof name === 'string' ? name : '', state: row.state };
  });
}
