import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  BrokerConnection,
  registerReplayHandler,
  resolveMessagingOptions,
  RpcClient,
  RpcServer,
  type ReplayEvent,
  type ReplaySource,
} from '@gym/messaging';
import { createLogger } from '@gym/logging';
import { deleteBrokerNames } from '@gym/testing';
import { rebuildReadModels } from '../src/rebuild/read-model-rebuild.js';
import { memberData, paymentData, saleData } from './support/fixtures.js';
import {
  startReporting,
  type ReportingHarness,
  type TestTenant,
} from './support/reporting-harness.js';

describe('read-model rebuild', () => {
  let harness: ReportingHarness;
  let tenant: TestTenant;
  let connection: BrokerConnection;
  let server: RpcServer;
  let client: RpcClient;
  let queuePrefix: string;
  const branchId = randomUUID();
  const sources = new Map<string, ReplaySource>();
  const logger = createLogger({ serviceName: 'reporting-rebuild-test', level: 'silent' });

  const original = paymentData({ branchId, amount: '450.00', paidOn: '2026-03-02' });
  const replacement = paymentData({ branchId, amount: '400.00', paidOn: '2026-03-02' });
  const lateCorrected = paymentData({ branchId, amount: '120.00', paidOn: '2026-03-04' });
  const lateReplacement = paymentData({ branchId, amount: '100.00', paidOn: '2026-03-04' });
  const member = memberData({
    branchId,
    status: 'ACTIVE',
    membershipStartDate: '2026-03-01',
    membershipEndDate: '2026-03-31',
    createdAt: '2026-03-01T09:00:00Z',
  });

  const sale = saleData({
    branchId,
    soldOn: '2026-03-05',
    items: [{ productId: randomUUID(), productName: 'Su', quantity: 3, unitPrice: '10.00' }],
  });

  before(async () => {
    harness = await startReporting();
    harness.clock.set('2026-03-15T09:00:00Z');
    tenant = await harness.createTenant();
    queuePrefix = harness.env.AMQP_QUEUE_PREFIX!;

    // Replay handlers registered as the owners register theirs, serving `sources`.
    const options = resolveMessagingOptions({
      url: harness.env.AMQP_URL!,
      serviceName: `${queuePrefix}owners`,
      exchange: harness.exchange,
      logger,
    });
    connection = new BrokerConnection(options);
    server = new RpcServer(connection, options);
    for (const owner of ['identity', 'membership', 'billing', 'catalog']) {
      registerReplayHandler(
        server,
        connection,
        owner,
        (tenantId, emit) => sources.get(owner)!(tenantId, emit),
        { logger },
      );
    }
    client = new RpcClient(connection, options);
    await connection.start();
    await server.start();
    await client.start();

    await harness.deliver('membership.member.created', tenant.tenantId, member, {
      occurredAt: '2026-03-01T09:00:00Z',
    });
    await harness.deliver('billing.payment.recorded', tenant.tenantId, original);
    await harness.deliver('billing.payment.corrected', tenant.tenantId, {
      original: { ...original, status: 'CORRECTED' },
      replacement,
      reason: 'İndirim',
    });
    await harness.deliver('billing.payment.recorded', tenant.tenantId, lateCorrected);
    await harness.deliver('catalog.sale.recorded', tenant.tenantId, sale);
  });

  after(async () => {
    await client?.stop();
    await server?.stop();
    await connection?.close();
    await deleteBrokerNames(harness.env.AMQP_URL!, { queues: [`${queuePrefix}owners.rpc`] }).catch(
      () => undefined,
    );
    await harness?.close();
  });

  async function reports() {
    const paths = [
      '/api/v1/dashboard/summary',
      '/api/v1/dashboard/monthly-members?months=2',
      '/api/v1/reports/revenue?month=2026-03',
    ];
    const bodies = [];
    for (const path of paths) {
      const response = await harness.request(path, { token: tenant.adminToken });
      assert.equal(response.status, 200, response.text);
      bodies.push(response.body);
    }
    return bodies;
  }

  function event(type: string, data: unknown, occurredAt: string, entityKey: string): ReplayEvent {
    return { type, tenantId: tenant.tenantId, data, occurredAt: new Date(occurredAt), entityKey };
  }

  /** Builds a replayed billing.payment.recorded of `payment` with the status billing stores. */
  function recorded(payment: object, status: string): ReplayEvent {
    return event(
      'billing.payment.recorded',
      { ...payment, status },
      '2026-03-02T09:00:00Z',
      randomUUID(),
    );
  }

  function rebuild(tenantId?: string) {
    const lines: string[] = [];
    return rebuildReadModels(harness.dataSource, connection, client, {
      tenantId,
      queuePrefix,
      ownerTimeoutMs: 30_000,
      progress: (line) => lines.push(line),
    }).then((summary) => ({ summary, lines }));
  }

  it('a live correction during the rebuild wins over the older replayed state', async () => {
    sources.set('identity', async (_tenantId, emit) => {
      await emit(
        event(
          'identity.tenant.updated',
          { tenantId: tenant.tenantId, timezone: 'Europe/Istanbul' },
          '2026-01-01T00:00:00Z',
          tenant.tenantId,
        ),
      );
    });
    sources.set('membership', async (_tenantId, emit) => {
      await emit(
        event('membership.member.updated', member, '2026-03-01T09:00:00Z', member.memberId),
      );
    });
    sources.set('billing', async (_tenantId, emit) => {
      // Billing read its payments, then the payment was corrected before the rows were sent.
      await harness.deliver('billing.payment.corrected', tenant.tenantId, {
        original: { ...lateCorrected, status: 'CORRECTED' },
        replacement: lateReplacement,
        reason: 'İndirim',
      });
      await emit(recorded(original, 'CORRECTED'));
      await emit(recorded(replacement, 'RECORDED'));
      await emit(recorded(lateCorrected, 'RECORDED'));
      await emit(
        event(
          'billing.payment.corrected',
          { original: { ...original, status: 'CORRECTED' }, replacement, reason: 'İndirim' },
          '2026-03-02T10:00:00Z',
          original.paymentId,
        ),
      );
    });

    sources.set('catalog', async (_tenantId, emit) => {
      await emit(event('catalog.sale.recorded', sale, '2026-03-05T09:00:00Z', sale.saleId));
    });

    const { summary, lines } = await rebuild(tenant.tenantId);

    assert.deepEqual(
      summary.owners.map((owner) => [owner.owner, owner.published, owner.applied]),
      [
        ['identity', 1, 1],
        ['membership', 1, 1],
        ['billing', 4, 4],
        ['catalog', 1, 1],
      ],
    );
    assert.ok(lines.includes('billing: done, 4 events applied'), lines.join('\n'));
    const [dashboard, monthly, revenue] = await reports();
    assert.equal(revenue.total, '530.00', 'the replacements 400.00 and 100.00 count once each');
    assert.equal(revenue.bySource[0].count, 2);
    assert.equal(revenue.bySource[1].amount, '30.00', 'the replayed sale counts once');
    assert.equal(dashboard.members.active, 1);
    assert.deepEqual(
      monthly.months.map((row: any) => row.activeMembers),
      [0, 1],
    );
  });

  it('wiping and rebuilding every tenant gives the same numbers again', async () => {
    const live = await reports();
    sources.set('billing', async (_tenantId, emit) => {
      for (const [payment, status] of [
        [original, 'CORRECTED'],
        [replacement, 'RECORDED'],
        [lateCorrected, 'CORRECTED'],
        [lateReplacement, 'RECORDED'],
      ] as const) {
        await emit(recorded(payment, status));
      }
    });

    await rebuild();

    assert.deepEqual(await reports(), live);
    assert.equal(live[2].bySource[1].amount, '30.00');
    const inbox: { count: number }[] = await harness.dataSource.query(
      'SELECT count(*)::int AS count FROM reporting.inbox_message',
    );
    assert.equal(inbox[0]!.count, 0, 'a full rebuild clears the inbox');
  });

  it('fails naming the owner that does not replay', async () => {
    sources.set('membership', async () => {
      throw Object.assign(new Error('database unavailable'), { code: 'DATABASE_DOWN' });
    });

    await assert.rejects(rebuild(tenant.tenantId), /membership did not replay its state/);
  });
});
