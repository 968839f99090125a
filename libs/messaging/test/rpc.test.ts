import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { register } from 'prom-client';
import { runWithRequestContext } from '@gym/logging';
import {
  BrokerConnection,
  RpcClient,
  RpcRemoteError,
  RpcServer,
  RpcTimeoutError,
  RpcUnavailableError,
  type ResolvedMessagingOptions,
} from '../src/index.js';
import { delay, deleteBrokerObjects, testOptions } from './support/test-broker.js';

async function breakerState(target: string): Promise<number | undefined> {
  const metric = await register.getSingleMetric('circuit_breaker_state')?.get();
  return metric?.values.find((value) => value.labels.target === target)?.value;
}

describe('rpc', () => {
  let serverOptions: ResolvedMessagingOptions;
  let clientOptions: ResolvedMessagingOptions;
  let serverConnection: BrokerConnection;
  let clientConnection: BrokerConnection;
  let server: RpcServer;
  let client: RpcClient;
  let ledgerHealthy = false;

  before(async () => {
    serverOptions = testOptions({ serviceName: 'billing-rpctest' });
    // Both sides share the RPC exchange; only the client's breaker settings matter.
    clientOptions = { ...testOptions(), exchange: serverOptions.exchange };

    serverConnection = new BrokerConnection(serverOptions);
    server = new RpcServer(serverConnection, serverOptions);
    server.handle<{ month: string }, { locked: boolean }>(
      'billing.month-lock.check',
      async (payload) => ({ locked: payload.month === '2025-01' }),
    );
    server.handle('billing.month-lock.fail', async () => {
      throw Object.assign(new Error('Month 2025-01 is locked'), { code: 'MONTH_LOCKED' });
    });
    server.handle('billing.month-lock.slow', async () => {
      await delay(400);
      return { done: true };
    });
    server.handle('billing.request.echo', async (_payload, context) => ({
      requestId: context.requestId,
    }));
    server.handle('ledger.balance.get', async () => {
      if (!ledgerHealthy) await delay(300);
      return { balance: 10 };
    });
    await serverConnection.start();
    await server.start();

    clientConnection = new BrokerConnection(clientOptions);
    client = new RpcClient(clientConnection, clientOptions);
    await clientConnection.start();
    await client.start();
  });

  after(async () => {
    await client.stop();
    await server.stop();
    await clientConnection.close();
    await serverConnection.close();
    await deleteBrokerObjects(serverOptions);
    await deleteBrokerObjects(clientOptions);
  });

  test('call returns the handler result', async () => {
    const result = await client.call<{ locked: boolean }>('billing.month-lock.check', {
      month: '2025-01',
    });

    assert.deepEqual(result, { locked: true });
  });

  test('handler error arrives as RpcRemoteError', async () => {
    const error = await client
      .call('billing.month-lock.fail', {})
      .catch((caught: unknown) => caught);

    assert.ok(error instanceof RpcRemoteError, `got ${String(error)}`);
    assert.equal(error.code, 'MONTH_LOCKED');
    assert.equal(error.remoteMessage, 'Month 2025-01 is locked');
  });

  test('missed deadline raises RpcTimeoutError', async () => {
    const startedAt = Date.now();
    const error = await client
      .call('billing.month-lock.slow', {}, { timeoutMs: 100 })
      .catch((caught: unknown) => caught);

    assert.ok(error instanceof RpcTimeoutError, `got ${String(error)}`);
    assert.equal(error.timeoutMs, 100);
    assert.ok(error.retryAfterSeconds >= 1);
    assert.ok(Date.now() - startedAt < 350, 'the call waited past its deadline');
  });

  test('pattern without server raises RpcUnavailableError', async () => {
    const error = await client.call('nobody.ping.run', {}).catch((caught: unknown) => caught);

    assert.ok(error instanceof RpcUnavailableError, `got ${String(error)}`);
    assert.match(error.message, /no server handles this pattern/);
  });

  test('request id travels to the handler', async () => {
    const result = await runWithRequestContext({ requestId: 'request-rpc-1' }, () =>
      client.call<{ requestId: string }>('billing.request.echo', {}),
    );

    assert.equal(result.requestId, 'request-rpc-1');
  });

  test('breaker opens on failures and closes after reset', async () => {
    ledgerHealthy = false;
    for (let attempt = 0; attempt < 2; attempt++) {
      await assert.rejects(
        client.call('ledger.balance.get', {}, { timeoutMs: 100 }),
        RpcTimeoutError,
      );
    }

    const startedAt = Date.now();
    const open = await client
      .call('ledger.balance.get', {}, { timeoutMs: 100 })
      .catch((caught: unknown) => caught);
    assert.ok(open instanceof RpcUnavailableError, `got ${String(open)}`);
    assert.match(open.message, /circuit breaker for ledger is open/);
    assert.equal(open.retryAfterSeconds, 1);
    assert.ok(Date.now() - startedAt < 50, 'an open circuit should fail without sending');
    assert.equal(await breakerState('ledger'), 2);

    ledgerHealthy = true;
    await delay(clientOptions.rpc.breaker.resetTimeoutMs + 100);
    assert.deepEqual(await client.call('ledger.balance.get', {}, { timeoutMs: 500 }), {
      balance: 10,
    });
    assert.equal(await breakerState('ledger'), 0);
    assert.deepEqual(await client.call('ledger.balance.get', {}, { timeoutMs: 500 }), {
      balance: 10,
    });

    const requests = await register.getSingleMetricAsString('messaging_rpc_requests_total');
    assert.match(requests, /pattern="ledger\.balance\.get",outcome="timeout"\} 2/);
    assert.match(requests, /pattern="ledger\.balance\.get",outcome="unavailable"\} 1/);
    assert.match(requests, /pattern="ledger\.balance\.get",outcome="success"\} 2/);
  });

  test('remote errors do not open the breaker', async () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      await assert.rejects(client.call('billing.month-lock.fail', {}), RpcRemoteError);
    }

    assert.deepEqual(await client.call('billing.month-lock.check', { month: '2025-02' }), {
      locked: false,
    });
  });
});
