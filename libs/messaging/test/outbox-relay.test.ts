import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect } from 'amqplib';
import { register } from 'prom-client';
import { runWithRequestContext } from '@gym/logging';
import {
  BrokerConnection,
  enqueueEvent,
  OutboxEvent,
  OutboxRelay,
  REQUEST_ID_HEADER,
  type ResolvedMessagingOptions,
} from '../src/index.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import {
  bindProbe,
  deleteBrokerObjects,
  delay,
  testOptions,
  waitFor,
  type Probe,
} from './support/test-broker.js';

const TENANT = 'tenant-1';

describe('outbox relay', () => {
  let database: TestDatabase;
  let options: ResolvedMessagingOptions;
  let connection: BrokerConnection;
  let probe: Probe;
  const relays: OutboxRelay[] = [];
  const connections: BrokerConnection[] = [];

  async function startConnection(): Promise<BrokerConnection> {
    const started = new BrokerConnection(options);
    await started.start();
    connections.push(started);
    return started;
  }

  function createRelay(
    dataSource = database.dataSource,
    brokerConnection = connection,
  ): OutboxRelay {
    const relay = new OutboxRelay(dataSource, brokerConnection, options);
    relays.push(relay);
    return relay;
  }

  async function unsentCount(): Promise<number> {
    return database.dataSource
      .getRepository(OutboxEvent)
      .createQueryBuilder('outbox')
      .where('outbox.sentAt IS NULL')
      .getCount();
  }

  before(async () => {
    database = await createTestDatabase();
    options = testOptions();
    connection = await startConnection();
    probe = await bindProbe(options.exchange);
  });

  after(async () => {
    for (const relay of relays) await relay.stop();
    for (const started of connections) await started.close();
    await probe.close();
    await deleteBrokerObjects(options);
    await database.drop();
  });

  test('committed event is published once, rolled back never', async () => {
    const committed = await runWithRequestContext({ requestId: 'request-outbox-1' }, () =>
      database.dataSource.transaction((manager) =>
        enqueueEvent(manager, {
          type: 'membership.member.created',
          tenantId: TENANT,
          data: { memberId: 'm-1' },
        }),
      ),
    );
    let rolledBackId: string | undefined;
    await assert.rejects(
      database.dataSource.transaction(async (manager) => {
        rolledBackId = (
          await enqueueEvent(manager, {
            type: 'membership.member.created',
            tenantId: TENANT,
            data: { memberId: 'm-2' },
          })
        ).id;
        throw new Error('business rule failed');
      }),
      /business rule failed/,
    );

    const relay = createRelay();
    relay.start();
    relay.wake();
    await waitFor(() => probe.ids().includes(committed.id), 'the committed event on the exchange');
    await delay(300);

    assert.deepEqual(
      probe.ids().filter((id) => id === committed.id),
      [committed.id],
    );
    assert.ok(rolledBackId);
    assert.equal(probe.ids().includes(rolledBackId), false);

    const message = probe.messages.find(
      (candidate) => candidate.properties.messageId === committed.id,
    )!;
    assert.equal(message.fields.routingKey, 'membership.member.created');
    assert.equal(message.properties.contentType, 'application/json');
    assert.equal(message.properties.deliveryMode, 2);
    assert.equal(message.properties.headers?.[REQUEST_ID_HEADER], 'request-outbox-1');
    assert.deepEqual(JSON.parse(message.content.toString()), committed);

    const row = await database.dataSource
      .getRepository(OutboxEvent)
      .findOneByOrFail({ id: committed.id });
    assert.ok(row.sentAt instanceof Date);
    assert.equal(
      await database.dataSource.getRepository(OutboxEvent).countBy({ id: rolledBackId }),
      0,
    );
    await relay.stop();
  });

  test('two relays publish each row once', async () => {
    const replicaDataSource = await database.openDataSource();
    const replicaConnection = await startConnection();
    const before = probe.messages.length;

    const enqueued = await database.dataSource.transaction(async (manager) => {
      const envelopes = [];
      for (let index = 0; index < 60; index++) {
        envelopes.push(
          await enqueueEvent(manager, {
            type: 'billing.payment.recorded',
            tenantId: TENANT,
            data: { index },
          }),
        );
      }
      return envelopes;
    });

    const first = createRelay();
    const second = createRelay(replicaDataSource, replicaConnection);
    await Promise.all([
      first.publishPending(),
      second.publishPending(),
      first.publishPending(),
      second.publishPending(),
    ]);
    await waitFor(
      () => probe.messages.length - before >= enqueued.length,
      'all 60 events on the exchange',
    );
    await delay(300);

    const published = probe.ids().slice(before);
    assert.equal(published.length, enqueued.length);
    assert.equal(new Set(published).size, enqueued.length);
    assert.equal(await unsentCount(), 0);
  });

  test('failed publish is retried with backoff', async () => {
    const relay = createRelay();
    const envelope = await database.dataSource.transaction((manager) =>
      enqueueEvent(manager, { type: 'catalog.sale.recorded', tenantId: TENANT, data: {} }),
    );

    const admin = await connect(options.url);
    try {
      const channel = await admin.createChannel();
      await channel.deleteExchange(options.exchange);
      await relay.publishPending();
    } finally {
      await admin.close();
    }

    const failed = await database.dataSource
      .getRepository(OutboxEvent)
      .findOneByOrFail({ id: envelope.id });
    assert.equal(failed.sentAt, null);
    assert.equal(failed.attempts, 1);
    assert.match(failed.lastError ?? '', /NOT_FOUND/);
    assert.ok(failed.nextAttemptAt.getTime() > failed.createdAt.getTime());

    // Deleting the exchange removed the probe's binding; the probe declares the exchange again.
    await probe.close();
    probe = await bindProbe(options.exchange);

    await waitFor(async () => {
      await relay.publishPending();
      return probe.ids().includes(envelope.id);
    }, 'the retried event on the exchange');
    const sent = await database.dataSource
      .getRepository(OutboxEvent)
      .findOneByOrFail({ id: envelope.id });
    assert.ok(sent.sentAt instanceof Date);
    assert.equal(sent.attempts, 1);
  });

  test('purges sent rows past retention only', async () => {
    const relay = createRelay();
    const [old, recent, unsent] = await database.dataSource.transaction(async (manager) => [
      await enqueueEvent(manager, { type: 'identity.user.created', tenantId: TENANT, data: {} }),
      await enqueueEvent(manager, { type: 'identity.user.created', tenantId: TENANT, data: {} }),
      await enqueueEvent(manager, { type: 'identity.user.created', tenantId: TENANT, data: {} }),
    ]);
    const table = `${database.schema}.outbox_event`;
    await database.dataSource.query(
      `UPDATE ${table} SET sent_at = now() - interval '73 hours' WHERE id = $1`,
      [old.id],
    );
    await database.dataSource.query(
      `UPDATE ${table} SET sent_at = now() - interval '71 hours' WHERE id = $1`,
      [recent.id],
    );
    await database.dataSource.query(
      `UPDATE ${table} SET created_at = now() - interval '100 hours', next_attempt_at = now() + interval '1 hour' WHERE id = $1`,
      [unsent.id],
    );

    const deleted = await relay.purgeSent();

    assert.equal(deleted, 1);
    const repository = database.dataSource.getRepository(OutboxEvent);
    assert.equal(await repository.countBy({ id: old.id }), 0);
    assert.equal(await repository.countBy({ id: recent.id }), 1);
    assert.equal(await repository.countBy({ id: unsent.id }), 1);
    await database.dataSource.query(`DELETE FROM ${table} WHERE id = $1`, [unsent.id]);
  });

  test('backlog gauges report unsent rows', async () => {
    // A relay on a connection that never started keeps every row unsent.
    const idleRelay = createRelay(database.dataSource, new BrokerConnection(options));
    idleRelay.start();
    await database.dataSource.transaction(async (manager) => {
      await enqueueEvent(manager, { type: 'membership.plan.created', tenantId: TENANT, data: {} });
      await enqueueEvent(manager, { type: 'membership.plan.created', tenantId: TENANT, data: {} });
    });
    await database.dataSource.query(
      `UPDATE ${database.schema}.outbox_event SET created_at = now() - interval '90 seconds' WHERE sent_at IS NULL`,
    );

    const backlog = await idleRelay.backlog();
    assert.equal(backlog.size, 2);
    assert.ok(backlog.oldestAgeSeconds >= 90, `oldest age ${backlog.oldestAgeSeconds}`);

    const metrics = await register.metrics();
    assert.match(metrics, /^messaging_outbox_backlog 2$/m);
    assert.match(metrics, /^messaging_outbox_oldest_age_seconds 9\d(\.\d+)?$/m);
    await idleRelay.stop();
    await database.dataSource.query(
      `DELETE FROM ${database.schema}.outbox_event WHERE sent_at IS NULL`,
    );
  });

  test('enqueueEvent outside a transaction is rejected', async () => {
    await assert.rejects(
      enqueueEvent(database.dataSource.manager, {
        type: 'membership.member.created',
        tenantId: TENANT,
        data: {},
      }),
      /needs the EntityManager of an open transaction/,
    );
  });

  test('enqueueEvent rejects an invalid event type', async () => {
    await assert.rejects(
      database.dataSource.transaction((manager) =>
        enqueueEvent(manager, { type: 'MemberCreated', tenantId: TENANT, data: {} }),
      ),
      /Invalid event type "MemberCreated"/,
    );
  });

  /** Commits one event every 20 ms, waking the relay after each commit as the module does. */
  async function commitSpacedEvents(relay: OutboxRelay, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const event = await database.dataSource.transaction((manager) =>
        enqueueEvent(manager, {
          type: 'membership.member.created',
          tenantId: TENANT,
          data: { memberId: `spaced-${index}` },
        }),
      );
      ids.push(event.id);
      relay.wake();
      await delay(20);
    }
    return ids;
  }

  async function distinctSendTimes(ids: string[]): Promise<number> {
    const [row] = await database.dataSource.query(
      `SELECT count(DISTINCT sent_at)::int AS batches FROM ${database.schema}.outbox_event
        WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return row.batches;
  }

  test('wake delay gathers commits into one batch', async () => {
    for (const relay of relays.splice(0)) await relay.stop();

    const outbox = { ...options.outbox, pollIntervalMs: 60_000 };
    const gathering = new OutboxRelay(database.dataSource, connection, {
      ...options,
      outbox: { ...outbox, wakeDelayMs: 300 },
    });
    relays.push(gathering);
    gathering.start();
    const gathered = await commitSpacedEvents(gathering, 5);
    await waitFor(() => gathered.every((id) => probe.ids().includes(id)), 'the gathered events');
    await gathering.stop();

    const immediate = new OutboxRelay(database.dataSource, connection, {
      ...options,
      outbox: { ...outbox, wakeDelayMs: 0 },
    });
    relays.push(immediate);
    immediate.start();
    const spread = await commitSpacedEvents(immediate, 5);
    await waitFor(() => spread.every((id) => probe.ids().includes(id)), 'the spread events');

    // sent_at is now() of the relay's transaction, so one value means one claim and one update.
    assert.equal(await distinctSendTimes(gathered), 1, 'one batch with a 300 ms wake delay');
    assert.ok((await distinctSendTimes(spread)) > 1, 'several batches without a wake delay');
  });
});
