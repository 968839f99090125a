import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MalformedSubscriptionEventError,
  parseSubscriptionStatusChange,
} from '../../src/subscription/subscription-event.js';

const envelope = {
  id: '0b9c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3',
  type: 'billing.subscription.status-changed',
  version: 1,
  occurredAt: '2026-01-02T10:00:00.000Z',
  tenantId: 'tenant-1',
  data: {
    tenantId: 'tenant-1',
    status: 'PAST_DUE',
    previousStatus: 'ACTIVE',
    plan: 'STANDARD',
    trialEndsAt: '2026-01-15T00:00:00.000Z',
    changedAt: '2026-01-02T09:59:59.000Z',
    source: 'daily-job',
  },
};

const encode = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('parseSubscriptionStatusChange', () => {
  it('reads billing envelope', () => {
    const change = parseSubscriptionStatusChange(encode(envelope));
    assert.equal(change.eventId, envelope.id);
    assert.equal(change.tenantId, 'tenant-1');
    assert.equal(change.status, 'PAST_DUE');
    assert.equal(change.changedAt.toISOString(), '2026-01-02T09:59:59.000Z');
  });

  it('falls back to occurredAt', () => {
    const { changedAt: _, ...data } = envelope.data;
    const change = parseSubscriptionStatusChange(encode({ ...envelope, data }));
    assert.equal(change.changedAt.toISOString(), envelope.occurredAt);
  });

  const malformed: [string, Buffer][] = [
    ['not JSON', Buffer.from('{oops')],
    ['array body', encode([envelope])],
    ['no data', encode({ ...envelope, data: undefined })],
    ['other type', encode({ ...envelope, type: 'billing.payment.recorded' })],
    ['no tenant', encode({ ...envelope, tenantId: '' })],
    ['unknown status', encode({ ...envelope, data: { ...envelope.data, status: 'CLOSED' } })],
    [
      'no time',
      encode({ ...envelope, occurredAt: 'never', data: { ...envelope.data, changedAt: 1 } }),
    ],
  ];
  for (const [name, content] of malformed) {
    it(`rejects ${name}`, () => {
      assert.throws(() => parseSubscriptionStatusChange(content), MalformedSubscriptionEventError);
    });
  }
});
