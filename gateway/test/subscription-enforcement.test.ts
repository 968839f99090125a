import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { connect } from 'amqplib';
import { freePort } from '@gym/testing';
import { subscriptionQueueNames } from '../src/subscription/subscription-events.consumer.js';
import { startEchoUpstream, type EchoUpstream } from './support/echo-upstream.js';
import { EventPublisher } from './support/event-publisher.js';
import {
  startGatewayProcess,
  type GatewayProcess,
  request,
  type HttpResult,
  requiredTestEnv,
} from '@gym/stack';
import { TestSigner } from './support/test-signer.js';

const EVENT_DEADLINE_MS = 10_000;

async function waitFor(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + EVENT_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`${what} did not happen within ${EVENT_DEADLINE_MS} ms`);
}

describe('subscription status enforced by gateway', () => {
  const signer = new TestSigner();
  let upstream: EchoUpstream;
  let gateway: GatewayProcess;
  let publisher: EventPublisher;

  before(async () => {
    upstream = await startEchoUpstream({ jwks: await signer.jwks() });
    gateway = await startGatewayProcess({
      identityUrl: upstream.url,
      membershipUrl: upstream.url,
      billingUrl: upstream.url,
    });
    await gateway.service.waitForLine(
      (line) => line.json?.msg === 'Consuming subscription status changes',
    );
    publisher = await EventPublisher.open(requiredTestEnv('TEST_AMQP_URL'), gateway.eventsExchange);
  });

  after(async () => {
    await publisher?.close();
    await gateway?.close();
    await upstream?.close();
  });

  /** Creates a tenant of its own for each test, so the statuses other tests set do not interfere. */
  async function newTenant() {
    const tenantId = randomUUID();
    const token = await signer.sign({ tid: tenantId });
    const call = (method: string, path: string, headers: Record<string, string> = {}) =>
      request(gateway.baseUrl, method, path, {
        token,
        headers,
        json: method === 'GET' ? undefined : {},
      });
    return { tenantId, call };
  }

  async function waitForStatus(
    call: (method: string, path: string) => Promise<HttpResult>,
    method: string,
    path: string,
    expectedStatus: number,
  ): Promise<void> {
    await waitFor(
      async () => (await call(method, path)).status === expectedStatus,
      `${method} ${path} answering ${expectedStatus}`,
    );
  }

  it('suspended tenant keeps auth and subscription', async () => {
    const { tenantId, call } = await newTenant();
    assert.equal((await call('POST', '/api/v1/members')).status, 200, 'unknown status passes');

    await publisher.publishStatusChange(tenantId, 'SUSPENDED', 'PAST_DUE');
    await waitForStatus(call, 'POST', '/api/v1/members', 403);

    const write = await call('POST', '/api/v1/members');
    assert.equal(write.body.code, 'SUBSCRIPTION_SUSPENDED');
    assert.match(write.body.message, /askıya alındı/);

    const read = await call('GET', '/api/v1/members', { 'accept-language': 'en' });
    assert.equal(read.status, 403);
    assert.equal(read.body.code, 'SUBSCRIPTION_SUSPENDED');
    assert.match(read.body.message, /subscription is suspended/);

    const payments = await call('GET', '/api/v1/payments');
    assert.equal(payments.status, 403, 'billing routes are held back too');

    const subscription = await call('GET', '/api/v1/subscription');
    assert.equal(subscription.status, 200);
    assert.equal(subscription.body.url, '/api/v1/subscription', 'reached billing');

    const me = await call('GET', '/api/v1/auth/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.url, '/api/v1/auth/me', 'reached identity');
  });

  it('past due allows reads only', async () => {
    const { tenantId, call } = await newTenant();
    await publisher.publishStatusChange(tenantId, 'PAST_DUE', 'ACTIVE');
    await waitForStatus(call, 'POST', '/api/v1/members', 403);

    const write = await call('PATCH', '/api/v1/membership-plans/1', { 'accept-language': 'en' });
    assert.equal(write.status, 403);
    assert.equal(write.body.code, 'SUBSCRIPTION_PAST_DUE');
    assert.match(write.body.message, /past due/);

    const turkish = await call('POST', '/api/v1/payments');
    assert.equal(turkish.body.code, 'SUBSCRIPTION_PAST_DUE');
    assert.match(turkish.body.message, /gecikti/);

    assert.equal((await call('GET', '/api/v1/members')).status, 200);
    assert.equal((await call('GET', '/api/v1/payments')).status, 200);
    assert.equal((await call('POST', '/api/v1/auth/logout')).status, 200);

    await publisher.publishStatusChange(tenantId, 'ACTIVE', 'PAST_DUE');
    await waitForStatus(call, 'POST', '/api/v1/members', 200);
    assert.equal((await call('DELETE', '/api/v1/branches/1')).status, 200);
  });

  it('older change does not win', async () => {
    const { tenantId, call } = await newTenant();
    const now = Date.now();
    await publisher.publishStatusChange(tenantId, 'ACTIVE', 'SUSPENDED', new Date(now));
    await publisher.publishStatusChange(tenantId, 'SUSPENDED', 'PAST_DUE', new Date(now - 60_000));
    await gateway.service.waitForLine(
      (line) =>
        line.json?.msg === 'Ignored an older subscription status change' &&
        line.json.tenantId === tenantId,
    );

    assert.equal((await call('POST', '/api/v1/members')).status, 200);
  });

  it('malformed event is dead-lettered', async () => {
    const { tenantId, call } = await newTenant();
    await publisher.publishRaw('billing.subscription.status-changed', Buffer.from('{not json'));
    await publisher.publishStatusChange(tenantId, 'SUSPENDED', 'ACTIVE');
    await waitForStatus(call, 'POST', '/api/v1/members', 403);

    const logged = gateway.service.lines.find(
      (line) => line.json?.msg === 'Dead-lettering a malformed subscription status change',
    );
    assert.ok(logged, 'the malformed message is logged');
    const names = subscriptionQueueNames(gateway.queuePrefix);
    const metrics = await (await fetch(`${gateway.baseUrl}/metrics`)).text();
    assert.match(
      metrics,
      /^messaging_events_consumed_total\{type="billing\.subscription\.status-changed",outcome="malformed"\} 1$/m,
    );
    assert.ok(
      metrics.includes(`messaging_dead_letter_messages{queue="${names.deadLetterQueue}"} 1\n`),
      'the dead-letter gauge counts the message',
    );

    const connection = await connect(requiredTestEnv('TEST_AMQP_URL'));
    try {
      const channel = await connection.createChannel();
      const dead = await channel.get(names.deadLetterQueue, { noAck: true });
      assert.ok(dead, 'the dead-letter queue holds the message');
      assert.equal(dead.content.toString(), '{not json');
    } finally {
      await connection.close();
    }
  });

  it('other tenants are unaffected', async () => {
    const suspended = await newTenant();
    const other = await newTenant();
    await publisher.publishStatusChange(suspended.tenantId, 'SUSPENDED', 'ACTIVE');
    await waitForStatus(suspended.call, 'POST', '/api/v1/members', 403);

    assert.equal((await other.call('POST', '/api/v1/members')).status, 200);
  });
});

describe('gateway without a broker', () => {
  let upstream: EchoUpstream;
  let gateway: GatewayProcess;

  after(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  it('turns ready while reconnecting', async () => {
    upstream = await startEchoUpstream({ jwks: await new TestSigner().jwks() });
    // startGatewayProcess resolves only once /health/ready responds with 200.
    gateway = await startGatewayProcess({
      identityUrl: upstream.url,
      env: { AMQP_URL: `amqp://guest:guest@127.0.0.1:${await freePort()}` },
    });

    await gateway.service.waitForLine(
      (line) => line.json?.msg === 'Connecting to the broker failed; retrying',
    );
    const ready = await request(gateway.baseUrl, 'GET', '/health/ready');
    assert.equal(ready.status, 200);
  });
});
