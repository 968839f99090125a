import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startRabbitMqInstance, type RabbitMqInstance } from '@gym/testing';
import {
  BrokerConnection,
  enqueueEvent,
  EventConsumer,
  OutboxRelay,
  RpcClient,
  RpcServer,
  type EventEnvelope,
  type ResolvedMessagingOptions,
} from '../src/index.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { delay, testOptions, waitFor } from './support/test-broker.js';

const TENANT = 'tenant-restart';
const EVENT_TYPE = 'billing.payment.recorded';

describe('broker restart', { timeout: 120_000 }, () => {
  let broker: RabbitMqInstance;
  let database: TestDatabase;
  let options: ResolvedMessagingOptions;
  let connection: BrokerConnection;
  let relay: OutboxRelay;
  let consumer: EventConsumer;
  let rpcServer: RpcServer;
  let rpcClient: RpcClient;
  const deliveries = new Map<string, number>();

  async function enqueuePayments(count: number): Promise<EventEnvelope[]> {
    const envelopes = await database.dataSource.transaction(async (manager) => {
      const enqueued: EventEnvelope[] = [];
      for (let index = 0; index < count; index++) {
        enqueued.push(
          await enqueueEvent(manager, { type: EVENT_TYPE, tenantId: TENANT, data: { index } }),
        );
      }
      return enqueued;
    });
    relay.wake();
    return envelopes;
  }

  before(async () => {
    broker = await startRabbitMqInstance();
    database = await createTestDatabase();
    options = testOptions({ url: broker.url, subscriptions: [EVENT_TYPE] });

    connection = new BrokerConnection(options);
    relay = new OutboxRelay(database.dataSource, connection, options);
    consumer = new EventConsumer(database.dataSource, connection, options);
    consumer.register(EVENT_TYPE, async (envelope) => {
      deliveries.set(envelope.id, (deliveries.get(envelope.id) ?? 0) + 1);
    });
    rpcServer = new RpcServer(connection, options);
    rpcServer.handle('billing.health.ping', async () => 'pong');
    rpcClient = new RpcClient(connection, options);

    await connection.start();
    await consumer.start();
    await rpcServer.start();
    await rpcClient.start();
    relay.start();
  });

  after(async () => {
    await consumer?.stop();
    await rpcServer?.stop();
    await rpcClient?.stop();
    await relay?.stop();
    await connection?.close();
    await database?.drop();
    await broker?.close();
  });

  test('relay and consumer resume after a restart', async () => {
    const beforeOutage = await enqueuePayments(3);
    await waitFor(
      () => beforeOutage.every((envelope) => deliveries.has(envelope.id)),
      'the events sent before the outage',
    );

    await broker.stop();
    await waitFor(() => !connection.isConnected(), 'the connection to notice the outage');

    const duringOutage = await enqueuePayments(5);
    await delay(500);
    assert.equal((await relay.backlog()).size, 5);
    assert.equal(
      duringOutage.some((envelope) => deliveries.has(envelope.id)),
      false,
    );

    await broker.start();
    await waitFor(() => connection.isConnected(), 'the connection to come back', 30_000);
    await waitFor(
      () => duringOutage.every((envelope) => deliveries.has(envelope.id)),
      'the events kept during the outage',
      30_000,
    );
    await delay(500);

    for (const envelope of [...beforeOutage, ...duringOutage]) {
      assert.equal(
        deliveries.get(envelope.id),
        1,
        `event ${envelope.id} delivered ${deliveries.get(envelope.id)} times`,
      );
    }
    assert.equal((await relay.backlog()).size, 0);
    assert.equal(await rpcClient.call('billing.health.ping', {}), 'pong');
  });
});
