import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect, type ChannelModel, type ConfirmChannel, type GetMessage } from 'amqplib';
import { register } from 'prom-client';
import {
  ATTEMPT_HEADER,
  BrokerConnection,
  createEventEnvelope,
  DEAD_LETTER_REASON_HEADER,
  EventConsumer,
  InboxMessage,
  type EventEnvelope,
  type ResolvedMessagingOptions,
} from '../src/index.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { delay, deleteBrokerObjects, testOptions, waitFor } from './support/test-broker.js';

const TENANT = 'tenant-7';

describe('event consumer', () => {
  let database: TestDatabase;
  let admin: ChannelModel;
  let publisher: ConfirmChannel;
  const cleanups: (() => Promise<void>)[] = [];

  /** Starts a connection and a consumer of its own, so each test has its own queues. */
  async function startConsumer(
    subscriptions: string[],
    registerHandlers: (consumer: EventConsumer) => void,
    overrides: Partial<Parameters<typeof testOptions>[0]> = {},
  ): Promise<{ consumer: EventConsumer; options: ResolvedMessagingOptions }> {
    const options = testOptions({ subscriptions, ...overrides });
    const connection = new BrokerConnection(options);
    const consumer = new EventConsumer(database.dataSource, connection, options);
    cleanups.push(async () => {
      await consumer.stop();
      await connection.close();
      await deleteBrokerObjects(options);
    });

    registerHandlers(consumer);
    await connection.start();
    await consumer.start();
    return { consumer, options };
  }

  async function publish(
    options: ResolvedMessagingOptions,
    routingKey: string,
    body: Buffer | EventEnvelope,
  ): Promise<void> {
    const content = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    publisher.publish(options.exchange, routingKey, content, {
      persistent: true,
      contentType: 'application/json',
    });
    await publisher.waitForConfirms();
  }

  async function takeDeadLetter(options: ResolvedMessagingOptions): Promise<GetMessage> {
    const channel = await admin.createChannel();
    try {
      let message: GetMessage | false = false;
      await waitFor(async () => {
        message = await channel.get(`${options.serviceName}.events.dlq`, { noAck: true });
        return message !== false;
      }, 'a message in the dead-letter queue');
      return message as unknown as GetMessage;
    } finally {
      await channel.close();
    }
  }

  async function queueDepth(queue: string): Promise<number> {
    const channel = await admin.createChannel();
    try {
      return (await channel.checkQueue(queue)).messageCount;
    } finally {
      await channel.close();
    }
  }

  async function inboxCount(eventId: string): Promise<number> {
    return database.dataSource.getRepository(InboxMessage).countBy({ eventId });
  }

  before(async () => {
    database = await createTestDatabase();
    await database.dataSource.query(
      `CREATE TABLE ${database.schema}.side_effect (event_id uuid NOT NULL, note text NOT NULL)`,
    );
    admin = await connect(testOptions().url);
    publisher = await admin.createConfirmChannel();
  });

  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await admin.close();
    await database.drop();
  });

  test('redelivered event runs its handler once', async () => {
    const calls: string[] = [];
    const { options } = await startConsumer(['membership.member.created'], (consumer) =>
      consumer.register('membership.member.created', async (envelope) => {
        calls.push(envelope.id);
      }),
    );
    const envelope = createEventEnvelope({
      type: 'membership.member.created',
      tenantId: TENANT,
      data: { memberId: 'm-1' },
    });

    await publish(options, envelope.type, envelope);
    await publish(options, envelope.type, envelope);
    await waitFor(
      async () => (await queueDepth(`${options.serviceName}.events`)) === 0 && calls.length > 0,
      'both deliveries to be acknowledged',
    );
    await delay(200);

    assert.deepEqual(calls, [envelope.id]);
    assert.equal(await inboxCount(envelope.id), 1);
    const metrics = await register.getSingleMetricAsString('messaging_events_consumed_total');
    assert.match(metrics, /outcome="duplicate"/);
  });

  test('always failing handler ends in the dead-letter queue', async () => {
    let calls = 0;
    const { options } = await startConsumer(['billing.payment.recorded'], (consumer) =>
      consumer.register('billing.payment.recorded', async () => {
        calls++;
        throw new Error('ledger unavailable');
      }),
    );
    const envelope = createEventEnvelope({
      type: 'billing.payment.recorded',
      tenantId: TENANT,
      data: { amount: 100 },
    });

    await publish(options, envelope.type, envelope);
    const depthLine = new RegExp(
      `^messaging_dead_letter_messages\\{queue="${options.serviceName}\\.events\\.dlq"\\} 1$`,
      'm',
    );
    await waitFor(
      async () =>
        depthLine.test(await register.getSingleMetricAsString('messaging_dead_letter_messages')),
      'the dead-letter gauge to read one message',
    );
    const deadLetter = await takeDeadLetter(options);
    await delay(200);

    assert.equal(calls, options.retry.maxAttempts);
    assert.equal(deadLetter.properties.headers?.[ATTEMPT_HEADER], options.retry.maxAttempts);
    assert.equal(deadLetter.properties.headers?.[DEAD_LETTER_REASON_HEADER], 'ledger unavailable');
    assert.equal(JSON.parse(deadLetter.content.toString()).id, envelope.id);
    assert.equal(await inboxCount(envelope.id), 0);
  });

  test('handler failing once is processed once', async () => {
    let calls = 0;
    const { options } = await startConsumer(['catalog.sale.recorded'], (consumer) =>
      consumer.register('catalog.sale.recorded', async (envelope, manager) => {
        calls++;
        await manager.query(
          `INSERT INTO ${database.schema}.side_effect (event_id, note) VALUES ($1, $2)`,
          [envelope.id, `call ${calls}`],
        );
        if (calls === 1) throw new Error('stock row locked');
      }),
    );
    const envelope = createEventEnvelope({
      type: 'catalog.sale.recorded',
      tenantId: TENANT,
      data: { saleId: 's-1' },
    });

    await publish(options, envelope.type, envelope);
    await waitFor(async () => (await inboxCount(envelope.id)) === 1, 'the event in the inbox');
    await delay(200);

    assert.equal(calls, 2);
    const rows: { note: string }[] = await database.dataSource.query(
      `SELECT note FROM ${database.schema}.side_effect WHERE event_id = $1`,
      [envelope.id],
    );
    assert.deepEqual(
      rows.map((row) => row.note),
      ['call 2'],
    );
    assert.equal(await queueDepth(`${options.serviceName}.events.dlq`), 0);
  });

  test('malformed messages go to the dead-letter queue at once', async () => {
    let calls = 0;
    const { options } = await startConsumer(['identity.user.created'], (consumer) =>
      consumer.register('identity.user.created', async () => {
        calls++;
      }),
    );

    await publish(options, 'identity.user.created', Buffer.from('not json'));
    const notJson = await takeDeadLetter(options);
    await publish(
      options,
      'identity.user.created',
      Buffer.from(JSON.stringify({ type: 'identity.user.created', data: {} })),
    );
    const withoutId = await takeDeadLetter(options);

    assert.equal(calls, 0);
    assert.equal(notJson.content.toString(), 'not json');
    assert.match(String(notJson.properties.headers?.[DEAD_LETTER_REASON_HEADER]), /not JSON/);
    assert.equal(notJson.properties.headers?.[ATTEMPT_HEADER], 1);
    assert.match(String(withoutId.properties.headers?.[DEAD_LETTER_REASON_HEADER]), /event id/);
  });

  test('startup check rejects a bound key without handler', async () => {
    const options = testOptions({
      subscriptions: ['membership.member.created', 'membership.member.frozen'],
    });
    const consumer = new EventConsumer(database.dataSource, new BrokerConnection(options), options);
    consumer.register('membership.member.created', async () => undefined);

    await assert.rejects(
      consumer.start(),
      /No handler registered for bound routing key membership\.member\.frozen/,
    );
  });

  test('startup check rejects a handler for an unbound key', async () => {
    const options = testOptions({ subscriptions: ['membership.member.created'] });
    const consumer = new EventConsumer(database.dataSource, new BrokerConnection(options), options);
    consumer.register('membership.member.created', async () => undefined);
    consumer.register('membership.plan.created', async () => undefined);

    await assert.rejects(
      consumer.start(),
      /routing key membership\.plan\.created, which is not bound/,
    );
  });

  test('second handler for one key is rejected', () => {
    const options = testOptions({ subscriptions: ['membership.member.created'] });
    const consumer = new EventConsumer(database.dataSource, new BrokerConnection(options), options);
    consumer.register('membership.member.created', async () => undefined);

    assert.throws(
      () => consumer.register('membership.member.created', async () => undefined),
      /already registered/,
    );
  });

  test('inbox purge deletes only expired rows of this consumer', async () => {
    const { consumer, options } = await startConsumer(['identity.branch.created'], (registry) =>
      registry.register('identity.branch.created', async () => undefined),
    );
    const [expired, recent, otherConsumer] = [0, 1, 2].map(
      () => createEventEnvelope({ type: 'identity.branch.created', tenantId: TENANT, data: {} }).id,
    );
    const table = `${database.schema}.inbox_message`;
    const insert = `INSERT INTO ${table} (event_id, consumer, event_type, processed_at) VALUES ($1, $2, 'identity.branch.created', now() - $3::interval)`;
    await database.dataSource.query(insert, [expired, options.serviceName, '721 hours']);
    await database.dataSource.query(insert, [recent, options.serviceName, '719 hours']);
    await database.dataSource.query(insert, [otherConsumer, 'another-service', '900 hours']);

    const deleted = await consumer.purgeInbox();

    assert.equal(deleted, 1);
    assert.equal(await inboxCount(expired), 0);
    assert.equal(await inboxCount(recent), 1);
    assert.equal(await inboxCount(otherConsumer), 1);
  });

  test('stop waits for handlers in progress', async () => {
    let finished = false;
    let started = false;
    const { consumer, options } = await startConsumer(['billing.month.locked'], (registry) =>
      registry.register('billing.month.locked', async () => {
        started = true;
        await delay(400);
        finished = true;
      }),
    );
    const envelope = createEventEnvelope({
      type: 'billing.month.locked',
      tenantId: TENANT,
      data: { month: '2025-01' },
    });

    await publish(options, envelope.type, envelope);
    await waitFor(() => started, 'the handler to start');
    await consumer.stop();

    assert.equal(finished, true);
    assert.equal(await inboxCount(envelope.id), 1);
    assert.equal(await queueDepth(`${options.serviceName}.events`), 0);
  });
});
