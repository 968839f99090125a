import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { connect, type Channel, type ChannelModel } from 'amqplib';
import {
  BrokerConnection,
  registerReplayHandler,
  replayEventId,
  RpcClient,
  RpcRemoteError,
  RpcServer,
  type ReplayEvent,
  type ReplayReply,
  type ResolvedMessagingOptions,
} from '../src/index.js';
import { amqpUrl, deleteBrokerObjects, testOptions } from './support/test-broker.js';

describe('event replay', () => {
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const entities = [
    { id: randomUUID(), tenantId: tenantA },
    { id: randomUUID(), tenantId: tenantA },
    { id: randomUUID(), tenantId: tenantB },
  ];
  const service = `ledger${randomBytes(3).toString('hex')}`;
  let serverOptions: ResolvedMessagingOptions;
  let clientOptions: ResolvedMessagingOptions;
  let serverConnection: BrokerConnection;
  let clientConnection: BrokerConnection;
  let server: RpcServer;
  let client: RpcClient;
  let probe: ChannelModel;
  let channel: Channel;

  before(async () => {
    serverOptions = testOptions({ serviceName: service });
    clientOptions = { ...testOptions(), exchange: serverOptions.exchange };
    serverConnection = new BrokerConnection(serverOptions);
    server = new RpcServer(serverConnection, serverOptions);
    registerReplayHandler(
      server,
      serverConnection,
      service,
      async (tenantId, emit) => {
        for (const entity of entities.filter((row) => !tenantId || row.tenantId === tenantId)) {
          const event: ReplayEvent = {
            type: `${service}.entry.recorded`,
            tenantId: entity.tenantId,
            data: { entryId: entity.id },
            occurredAt: new Date('2026-01-01T00:00:00Z'),
            entityKey: entity.id,
          };
          await emit(event);
        }
      },
      { batchSize: 2, logger: serverOptions.logger },
    );
    await serverConnection.start();
    await server.start();

    clientConnection = new BrokerConnection(clientOptions);
    client = new RpcClient(clientConnection, clientOptions);
    await clientConnection.start();
    await client.start();
    probe = await connect(amqpUrl());
    channel = await probe.createChannel();
  });

  after(async () => {
    await probe.close().catch(() => undefined);
    await client.stop();
    await server.stop();
    await clientConnection.close();
    await serverConnection.close();
    await deleteBrokerObjects(serverOptions);
    await deleteBrokerObjects(clientOptions);
  });

  async function drain(queue: string): Promise<any[]> {
    const messages = [];
    for (;;) {
      const message = await channel.get(queue, { noAck: true });
      if (!message) return messages;
      messages.push(JSON.parse(message.content.toString()));
    }
  }

  test('publishes one tenant state to the target queue with ids derived from the entity', async () => {
    const { queue } = await channel.assertQueue(`replay.test.${randomUUID()}`, {
      durable: false,
      arguments: { 'x-expires': 60_000 },
    });

    const reply = await client.call<ReplayReply>(`${service}.replay`, {
      tenantId: tenantA,
      targetQueue: queue,
    });

    assert.deepEqual(reply, { published: 2 });
    const events = await drain(queue);
    assert.deepEqual(
      events.map((event) => [event.tenantId, event.data.entryId, event.id]),
      entities
        .slice(0, 2)
        .map((entity) => [
          tenantA,
          entity.id,
          replayEventId(`${service}.entry.recorded`, entity.id),
        ]),
    );
  });

  test('a repeated replay of every tenant yields the same event ids', async () => {
    const { queue } = await channel.assertQueue(`replay.test.${randomUUID()}`, {
      durable: false,
      arguments: { 'x-expires': 60_000 },
    });

    await client.call(`${service}.replay`, { targetQueue: queue });
    const first = (await drain(queue)).map((event) => event.id);
    await client.call(`${service}.replay`, { targetQueue: queue });
    const second = (await drain(queue)).map((event) => event.id);

    assert.equal(first.length, 3);
    assert.deepEqual(second, first);
  });

  test('refuses a target queue outside the replay prefix', async () => {
    await assert.rejects(
      client.call(`${service}.replay`, { targetQueue: `${service}.events` }),
      (error: unknown) => error instanceof RpcRemoteError && error.code === 'INVALID_REQUEST',
    );
  });

  test('refuses a target queue that does not exist', async () => {
    await assert.rejects(
      client.call(`${service}.replay`, { targetQueue: `replay.missing.${randomUUID()}` }),
      (error: unknown) => error instanceof RpcRemoteError,
    );
  });
});
