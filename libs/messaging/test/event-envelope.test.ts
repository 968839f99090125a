import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createEventEnvelope, MalformedEventError, parseEventEnvelope } from '../src/index.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function body(value: unknown): Buffer {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
}

describe('event envelope', () => {
  test('createEventEnvelope fills id, version and time', () => {
    const envelope = createEventEnvelope({
      type: 'membership.member.created',
      tenantId: 't-1',
      data: { memberId: 'm-1' },
    });

    assert.match(envelope.id, UUID_V4);
    assert.equal(envelope.version, 1);
    assert.equal(envelope.occurredAt, new Date(envelope.occurredAt).toISOString());
    assert.equal(envelope.tenantId, 't-1');
    assert.deepEqual(envelope.data, { memberId: 'm-1' });
  });

  test('createEventEnvelope gives each event its own id', () => {
    const first = createEventEnvelope({
      type: 'billing.payment.recorded',
      tenantId: 't-1',
      data: {},
    });
    const second = createEventEnvelope({
      type: 'billing.payment.recorded',
      tenantId: 't-1',
      data: {},
    });

    assert.notEqual(first.id, second.id);
  });

  test('createEventEnvelope rejects invalid input', () => {
    assert.throws(
      () => createEventEnvelope({ type: 'member.created', tenantId: 't-1', data: {} }),
      /Invalid event type "member.created"/,
    );
    assert.throws(
      () => createEventEnvelope({ type: 'membership.member.created', tenantId: '', data: {} }),
      /Missing tenantId/,
    );
    assert.throws(
      () =>
        createEventEnvelope({
          type: 'membership.member.created',
          tenantId: 't-1',
          data: {},
          version: 0,
        }),
      /Invalid version 0/,
    );
  });

  test('parseEventEnvelope accepts a created envelope', () => {
    const envelope = createEventEnvelope({
      type: 'catalog.sale.recorded',
      tenantId: 't-2',
      data: { total: 5 },
      version: 2,
    });

    assert.deepEqual(parseEventEnvelope(body(envelope)), envelope);
  });

  test('parseEventEnvelope rejects malformed bodies', () => {
    const valid = createEventEnvelope({
      type: 'catalog.sale.recorded',
      tenantId: 't-2',
      data: null,
    });
    const cases: [string, unknown, RegExp][] = [
      ['not JSON', '{oops', /not JSON/],
      ['an array', [valid], /not a JSON object/],
      ['no id', { ...valid, id: undefined }, /event id/],
      ['an id that is not a UUID', { ...valid, id: '42' }, /event id: "42"/],
      ['no type', { ...valid, type: '' }, /Missing event type/],
      ['no version', { ...valid, version: '1' }, /version/],
      ['a bad time', { ...valid, occurredAt: 'yesterday' }, /occurredAt/],
      ['no tenant', { ...valid, tenantId: undefined }, /tenantId/],
      ['no data', { ...valid, data: undefined }, /Missing data/],
    ];

    for (const [description, value, message] of cases) {
      assert.throws(
        () => parseEventEnvelope(body(value)),
        (error: unknown) => {
          assert.ok(error instanceof MalformedEventError, `${description}: ${String(error)}`);
          assert.match(error.message, message, description);
          return true;
        },
      );
    }
  });
});
