import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import amqp from 'amqplib';
import { startIdentity, type IdentityHarness } from './support/identity-harness.js';

async function publishStatusChange(
  harness: IdentityHarness,
  tenantId: string,
  status: string,
  changedAt: string,
): Promise<string> {
  const connection = await amqp.connect(harness.env.AMQP_URL!);
  try {
    const channel = await connection.createConfirmChannel();
    const envelope = {
      id: randomUUID(),
      type: 'billing.subscription.status-changed',
      version: 1,
      occurredAt: changedAt,
      tenantId,
      data: { tenantId, status, previousStatus: 'TRIAL', changedAt },
    };
    channel.publish(
      harness.env.AMQP_EVENTS_EXCHANGE!,
      envelope.type,
      Buffer.from(JSON.stringify(envelope)),
      { persistent: true, messageId: envelope.id, contentType: 'application/json' },
    );
    await channel.waitForConfirms();
    return envelope.id;
  } finally {
    await connection.close();
  }
}

async function waitForStatus(harness: IdentityHarness, token: string, expected: string) {
  const deadline = Date.now() + 10_000;
  let status: string | undefined;
  while (Date.now() < deadline) {
    const me = await harness.request('GET', '/api/v1/auth/me', { token });
    status = me.body?.tenant?.subscriptionStatus;
    if (status === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`subscriptionStatus stayed ${status}, expected ${expected}`);
}

/** Waits until the consumer has processed the event, as recorded in identity's inbox. */
async function waitForInbox(harness: IdentityHarness, eventId: string) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const rows = await harness.dataSource.query(
      `SELECT 1 FROM identity.inbox_message WHERE event_id = $1`,
      [eventId],
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`event ${eventId} was not processed`);
}

describe('subscription status replica', () => {
  let harness: IdentityHarness;

  before(async () => {
    harness = await startIdentity();
  });
  after(async () => {
    await harness?.close();
  });

  it('follows billing status events in /auth/me', async () => {
    const { tenantId, adminToken } = await harness.createTenantWithAdmin();

    await publishStatusChange(harness, tenantId, 'PAST_DUE', '2026-12-01T10:00:00.000Z');
    await waitForStatus(harness, adminToken, 'PAST_DUE');

    await publishStatusChange(harness, tenantId, 'SUSPENDED', '2026-12-02T10:00:00.000Z');
    await waitForStatus(harness, adminToken, 'SUSPENDED');
  });

  it('ignores an event older than the stored change', async () => {
    const { tenantId, adminToken } = await harness.createTenantWithAdmin();

    await publishStatusChange(harness, tenantId, 'ACTIVE', '2026-12-03T10:00:00.000Z');
    await waitForStatus(harness, adminToken, 'ACTIVE');

    const staleId = await publishStatusChange(
      harness,
      tenantId,
      'PAST_DUE',
      '2026-12-01T10:00:00.000Z',
    );
    await waitForInbox(harness, staleId);

    const rows = await harness.dataSource.query(
      `SELECT subscription_status FROM identity.tenants WHERE id = $1`,
      [tenantId],
    );
    assert.equal(rows[0].subscription_status, 'ACTIVE', 'the older PAST_DUE event changed nothing');
  });
});
