import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test, type TestContext } from 'node:test';
import {
  connectEventPublisher,
  countQueueMessages,
  countUnsentOutboxEvents,
  findProcessedEventIds,
  listConnectionStates,
  listOutboxEvents,
  peekQueue,
  publishRawMessage,
  startPostgresInstance,
  startRabbitMqInstance,
  waitFor,
  type ConnectionState,
  type OutboxEventRow,
  type PeekedMessage,
  type PostgresInstance,
  type RabbitMqInstance,
} from '@gym/testing';
import { GatewayApi } from './support/gateway-api.js';
import { startLocalStack, type LocalStack } from './support/local-stack.js';
import { signUpThroughGateway } from './support/signup.js';
import { toCents, WriteStream, type AcknowledgedWrite } from './support/write-stream.js';

const RECOVERY_TIMEOUT_MS = 120_000;
/**
 * Bound for the failing event to reach the dead-letter queue: five attempts with the messaging
 * library's default retry waits of 1, 5, 30 and 120 seconds take at least 156 seconds.
 */
const DEAD_LETTER_TIMEOUT_MS = 300_000;
const DEAD_LETTER_REASON_HEADER = 'x-dead-letter-reason';
/** Routed only to reporting, so the poison messages reach one consumer. */
const POISON_ROUTING_KEY = 'catalog.sale.recorded';
/** Payments sent at once while the memory alarm blocks publishing. */
const ALARM_PAYMENTS = 4;
/** Bound for billing's connection to be blocked with unsent rows in its outbox. */
const BLOCKED_PUBLISH_TIMEOUT_MS = 30_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Prints the figures of a check in the test report. */
function report(t: TestContext, figures: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(figures))
    t.diagnostic(`${name}: ${JSON.stringify(value)}`);
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

describe('the stack under faults (broker, service and database restarts, poison messages)', () => {
  let postgres: PostgresInstance;
  let rabbit: RabbitMqInstance;
  let stack: LocalStack;
  let api: GatewayApi;
  let writes: WriteStream;
  /** Business date of every write, in the tenant's timezone, and its month. */
  let today: string;
  let month: string;
  /** Envelope id of the malformed event. */
  let malformedId: string;
  /** Sale id in the data of the well-formed event whose handler always fails. */
  let failingSaleId: string;
  /** Rows of billing's outbox without a broker confirm when billing was killed. */
  let billingUnsentAtKill: OutboxEventRow[] = [];
  let paymentsAcknowledgedDuringAlarm = 0;
  /** Broker connections of the stack when billing was killed. */
  let connectionsAtKill: ConnectionState[] = [];
  let alarmWindowMs = 0;

  const dlqNames = () =>
    stack.processes.map((item) => `${stack.env.AMQP_QUEUE_PREFIX}${item.name}.events.dlq`);
  const reportingDlq = () => `${stack.env.AMQP_QUEUE_PREFIX}reporting.events.dlq`;
  const unsentOutboxRows = async () =>
    sum([...(await countUnsentOutboxEvents(stack.env.DATABASE_URL!)).values()]);
  const billingOutbox = (filter: Parameters<typeof listOutboxEvents>[2]) =>
    listOutboxEvents(stack.env.DATABASE_URL!, 'billing', filter);
  // A relative watermark of 0 raises the memory alarm at once, and the alarm blocks every
  // connection that publishes. The node runs without a config, so 0.4, the default of
  // RabbitMQ 3.10, restores its setting.
  const raiseMemoryAlarm = () => rabbit.rabbitmqctl(['set_vm_memory_high_watermark', '0']);
  const clearMemoryAlarm = () => rabbit.rabbitmqctl(['set_vm_memory_high_watermark', '0.4']);

  before(async () => {
    postgres = await startPostgresInstance();
    rabbit = await startRabbitMqInstance();
    // The writes and the reads that check them all come from this one client address, so the
    // gateway's per-IP limit is raised out of the way.
    stack = await startLocalStack({
      databaseServerUrl: postgres.url,
      amqpUrl: rabbit.url,
      env: { RATE_LIMIT_POINTS: '10000000', AUTH_RATE_LIMIT_POINTS: '10000000' },
    });
    const owner = await signUpThroughGateway(stack.gateway.baseUrl, stack.smtp);
    api = new GatewayApi(stack.gateway.baseUrl, owner.accessToken);

    const me = await api.request('GET', '/auth/me');
    today = new Intl.DateTimeFormat('en-CA', { timeZone: me.json.tenant.timezone }).format(
      new Date(),
    );
    month = today.slice(0, 7);
    const branches = await api.request('GET', '/branches');
    const branchId = branches.json.data?.[0]?.id ?? branches.json[0].id;
    const plan = await api.request('POST', '/membership-plans', {
      name: 'Aylık',
      scope: 'TENANT',
      durationValue: 1,
      durationUnit: 'MONTH',
      price: '450.00',
    });
    assert.equal(plan.status, 201, plan.text);
    const product = await api.request('POST', '/products', { name: 'Protein Bar', price: '35.50' });
    assert.equal(product.status, 201, product.text);
    // Membership learns the branch from identity's events, so the first member may wait for it.
    const member = await waitFor(
      'the first member',
      async () => {
        const created = await api.request('POST', '/members', {
          firstName: 'Mert',
          lastName: 'Kaya',
          phone: '5321000000',
          branchId,
          planId: plan.json.id,
          membershipStartDate: today,
        });
        return created.status === 201 ? (created.json as { id: string }) : undefined;
      },
      60_000,
    );

    writes = new WriteStream({
      gatewayUrl: stack.gateway.baseUrl,
      accessToken: owner.accessToken,
      branchId,
      planId: plan.json.id,
      productId: product.json.id,
      memberId: member.id,
      today,
    });
    writes.start();
    await writes.waitForAcknowledged(6);

    // A well-formed sale event without the fields reporting's handler requires: every attempt
    // fails, through the faults below, until the retries run out.
    failingSaleId = randomUUID();
    const publisher = await connectEventPublisher(rabbit.url, stack.env.AMQP_EVENTS_EXCHANGE!);
    await publisher.publish(POISON_ROUTING_KEY, owner.tenantId, { saleId: failingSaleId });
    await publisher.close();

    // 1. The broker stops and comes back with its durable queues.
    await rabbit.stop();
    await pause(3_000);
    await rabbit.start();
    await writes.waitForAcknowledged(6);

    // 2. Billing is killed between commit and publish. Under the memory alarm billing commits and
    // acknowledges payments, but its outbox relay gets no broker confirm for their events.
    const alarmRaisedAt = Date.now();
    await raiseMemoryAlarm();
    try {
      paymentsAcknowledgedDuringAlarm = await writes.payments(ALARM_PAYMENTS);
      // Once the broker blocks billing's connection, no further publish of billing reaches it.
      await waitFor(
        "billing's connection to be blocked with unsent rows in its outbox",
        async () => {
          connectionsAtKill = await listConnectionStates(rabbit);
          const blocked = connectionsAtKill.some(
            (item) =>
              item.name === `${stack.env.AMQP_QUEUE_PREFIX}billing` && item.state === 'blocked',
          );
          return blocked && (await billingOutbox({ unsent: true })).length > 0;
        },
        BLOCKED_PUBLISH_TIMEOUT_MS,
      );
      await stack.kill('billing', 'SIGKILL');
    } finally {
      await clearMemoryAlarm();
      alarmWindowMs = Date.now() - alarmRaisedAt;
    }
    // Nothing else writes billing's outbox, so it contains what the kill left behind.
    billingUnsentAtKill = await billingOutbox({ unsent: true });
    await stack.restart('billing');
    await writes.waitForAcknowledged(6);

    // 3. Reporting dies while it handles the events of a burst of writes.
    await Promise.all([writes.burst(), writes.burst()]);
    await stack.kill('reporting', 'SIGKILL');
    await stack.restart('reporting');
    await writes.waitForAcknowledged(6);

    // 4. PostgreSQL restarts and cuts every open connection.
    await postgres.restart();
    await writes.waitForAcknowledged(6);

    // 5. A malformed event, which the consumer dead-letters without a retry.
    malformedId = randomUUID();
    await publishRawMessage(
      rabbit.url,
      stack.env.AMQP_EVENTS_EXCHANGE!,
      POISON_ROUTING_KEY,
      JSON.stringify({ id: malformedId, type: POISON_ROUTING_KEY, version: 'one', data: {} }),
    );
    await writes.waitForAcknowledged(3);
    await writes.stop();

    await waitFor(
      'every outbox to be sent',
      async () => (await unsentOutboxRows()) === 0,
      RECOVERY_TIMEOUT_MS,
    );
  });

  after(async () => {
    await writes?.stop();
    await stack?.close();
    await rabbit?.close();
    await postgres?.close();
  });

  test('every write the gateway acknowledged exists in its owning service', async (t) => {
    const paths: Record<AcknowledgedWrite['kind'], string> = {
      member: '/members',
      payment: '/payments',
      sale: '/product-sales',
    };
    const missing: string[] = [];
    for (const write of writes.acknowledged) {
      const { status } = await api.request('GET', `${paths[write.kind]}/${write.id}`);
      if (status !== 200) missing.push(`${write.kind} ${write.id}: ${status}`);
    }
    const byKind = (kind: string) =>
      writes.acknowledged.filter((item) => item.kind === kind).length;
    report(t, {
      acknowledged: writes.acknowledged.length,
      members: byKind('member'),
      payments: byKind('payment'),
      sales: byKind('sale'),
      found: writes.acknowledged.length - missing.length,
      notAcknowledged: writes.unacknowledged,
      notAcknowledgedByFailure: writes.unacknowledgedByFailure,
      retriedWithSameKey: writes.retries,
      retriesByFailure: writes.retriesByFailure,
    });
    assert.ok(byKind('payment') > 0, 'payments were acknowledged');
    assert.ok(byKind('sale') > 0, 'sales were acknowledged');
    assert.deepEqual(missing, []);
  });

  test('revenue report totals equal the sums of billing and catalog, each write once', async (t) => {
    const payments = await api.list(`/payments?from=${today}&to=${today}`);
    const sales = await api.list(`/product-sales?from=${today}&to=${today}`);
    const source = {
      MEMBERSHIP: sum(payments.map((item) => toCents(item.amount as string))),
      PRODUCT_SALES: sum(sales.map((item) => toCents(item.total as string))),
    };
    const acknowledgedCents = (kind: string) =>
      sum(writes.acknowledged.filter((item) => item.kind === kind).map((item) => item.cents));
    assert.ok(source.MEMBERSHIP >= acknowledgedCents('payment'), 'billing holds every payment');
    assert.ok(source.PRODUCT_SALES >= acknowledgedCents('sale'), 'catalog holds every sale');

    let totals: Record<string, number> = {};
    await waitFor(
      'the revenue report to match billing and catalog',
      async () => {
        const { status, json } = await api.request('GET', `/reports/revenue?month=${month}`);
        if (status !== 200) return false;
        totals = Object.fromEntries(
          (json.bySource as { source: string; amount: string }[]).map((item) => [
            item.source,
            toCents(item.amount),
          ]),
        );
        return (
          totals.MEMBERSHIP === source.MEMBERSHIP && totals.PRODUCT_SALES === source.PRODUCT_SALES
        );
      },
      RECOVERY_TIMEOUT_MS,
    ).catch(() => undefined);
    report(t, { revenueCents: { report: totals, source } });
    assert.deepEqual(
      { MEMBERSHIP: totals.MEMBERSHIP, PRODUCT_SALES: totals.PRODUCT_SALES },
      source,
    );
  });

  test('events billing had not sent at its kill are sent and reach reporting', async (t) => {
    const ids = billingUnsentAtKill.map((row) => row.id);
    const paymentIds = billingUnsentAtKill
      .filter((row) => row.type.startsWith('billing.payment.'))
      .map((row) => row.id);
    const rows = await billingOutbox({ ids });
    let processed = new Set<string>();
    await waitFor(
      'reporting to process the payment events billing had not sent',
      async () => {
        processed = await findProcessedEventIds(stack.env.DATABASE_URL!, 'reporting', paymentIds);
        return processed.size === paymentIds.length;
      },
      RECOVERY_TIMEOUT_MS,
    ).catch(() => undefined);
    report(t, {
      alarmWindowMs,
      paymentsAcknowledgedDuringAlarm,
      connectionsAtKill: connectionsAtKill.map(
        (item) => `${item.name.replace(stack.env.AMQP_QUEUE_PREFIX!, '')}: ${item.state}`,
      ),
      billingUnsentAtKill: ids.length,
      billingUnsentPaymentsAtKill: paymentIds.length,
      sentAfterRestart: rows.filter((row) => row.sentAt !== null).length,
      processedByReporting: processed.size,
    });
    assert.ok(ids.length > 0, 'billing had unsent outbox rows when it was killed');
    assert.ok(paymentIds.length > 0, 'payment events were among them');
    assert.deepEqual(
      rows.map((row) => ({ id: row.id, sent: row.sentAt !== null })),
      ids.map((id) => ({ id, sent: true })),
      'billing sent every one of them after its restart',
    );
    assert.deepEqual(
      paymentIds.filter((id) => !processed.has(id)),
      [],
      "reporting's inbox holds every one of the payment events",
    );
  });

  test('both poison messages wait in reporting dead-letter queue with their reasons', async (t) => {
    let dead: PeekedMessage[] = [];
    await waitFor(
      'two poison messages in the dead-letter queue',
      async () => (dead = await peekQueue(rabbit.url, reportingDlq())).length >= 2,
      DEAD_LETTER_TIMEOUT_MS,
    ).catch(() => undefined);
    report(t, {
      reportingDeadLetters: dead.map((message) => ({
        routingKey: message.routingKey,
        reason: message.headers[DEAD_LETTER_REASON_HEADER],
      })),
    });
    const reasons = new Map(
      dead.map((message) => {
        const envelope = JSON.parse(message.body) as { id: string; data?: { saleId?: string } };
        const key = envelope.id === malformedId ? 'malformed' : (envelope.data?.saleId ?? '');
        return [key, String(message.headers[DEAD_LETTER_REASON_HEADER])];
      }),
    );
    assert.equal(dead.length, 2, 'two messages in the dead-letter queue');
    assert.match(reasons.get('malformed') ?? '', /Invalid or missing version/);
    assert.match(reasons.get(failingSaleId) ?? '', /lacks the fields/);
  });

  test('no outbox keeps unsent rows and no other dead-letter queue holds a message', async (t) => {
    const counts = await countQueueMessages(rabbit.url, dlqNames());
    counts.delete(reportingDlq());
    const unsent = await unsentOutboxRows();
    report(t, {
      unsentOutboxRows: unsent,
      otherDeadLetters: sum([...counts.values()]),
    });
    assert.equal(unsent, 0);
    assert.deepEqual(
      Object.fromEntries(counts),
      Object.fromEntries([...counts.keys()].map((name) => [name, 0])),
    );
  });
});
