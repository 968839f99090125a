import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startBilling, type BillingHarness, type TestTenant } from './support/billing-harness.js';

describe('payment idempotency', () => {
  let harness: BillingHarness;
  let tenant: TestTenant;

  before(async () => {
    harness = await startBilling();
    tenant = await harness.createTenant();
  });
  after(async () => {
    await harness?.close();
  });

  async function paymentCount(memberId: string): Promise<number> {
    const rows = await harness.dataSource.query(
      'SELECT count(*)::int AS count FROM billing.payments WHERE member_id = $1',
      [memberId],
    );
    return rows[0].count;
  }

  it('missing key is rejected in both languages', async () => {
    const memberId = await harness.createMember(tenant);
    const body = { memberId, amount: '10.00', method: 'CASH', paidOn: '2026-01-10' };

    const turkish = await harness.request('POST', '/api/v1/payments', {
      token: tenant.staffToken,
      body,
      idempotencyKey: null,
    });
    const english = await harness.request('POST', '/api/v1/payments', {
      token: tenant.staffToken,
      body,
      idempotencyKey: null,
      headers: { 'accept-language': 'en' },
    });

    assert.equal(turkish.status, 400);
    assert.equal(turkish.body.code, 'IDEMPOTENCY_KEY_REQUIRED');
    assert.match(turkish.body.message, /Idempotency-Key başlığı zorunludur/);
    assert.match(english.body.message, /needs an Idempotency-Key header/);
    assert.equal(await paymentCount(memberId), 0);
  });

  it('50 concurrent posts with one key create one payment', async () => {
    const memberId = await harness.createMember(tenant);
    const key = randomUUID();
    const body = { memberId, amount: '300.00', method: 'CASH', paidOn: '2026-01-10' };

    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        harness.request('POST', '/api/v1/payments', {
          token: tenant.staffToken,
          body,
          idempotencyKey: key,
        }),
      ),
    );

    assert.equal(await paymentCount(memberId), 1);
    for (const response of responses) {
      assert.equal(response.status, 201, response.text);
      assert.equal(response.text, responses[0]!.text);
    }
    const events = await harness.dataSource.query(
      `SELECT count(*)::int AS count FROM billing.outbox_event
        WHERE type = 'billing.payment.recorded' AND payload->'data'->>'memberId' = $1`,
      [memberId],
    );
    assert.equal(events[0].count, 1);
  });

  it('same key with another amount gets 422', async () => {
    const memberId = await harness.createMember(tenant);
    const key = randomUUID();
    const body = { memberId, amount: '300.00', method: 'CASH', paidOn: '2026-01-10' };
    await harness.request('POST', '/api/v1/payments', {
      token: tenant.staffToken,
      body,
      idempotencyKey: key,
    });

    const reused = await harness.request('POST', '/api/v1/payments', {
      token: tenant.staffToken,
      body: { ...body, amount: '301.00' },
      idempotencyKey: key,
    });
    const english = await harness.request('POST', '/api/v1/payments', {
      token: tenant.staffToken,
      body: { ...body, amount: '301.00' },
      idempotencyKey: key,
      headers: { 'accept-language': 'en' },
    });

    assert.equal(reused.status, 422);
    assert.equal(reused.body.code, 'IDEMPOTENCY_KEY_REUSED');
    assert.match(reused.body.message, /farklı bir istekle zaten kullanıldı/);
    assert.match(english.body.message, /already used with a different request/);
    assert.equal(await paymentCount(memberId), 1);
  });

  it('response is stored with the payment', async () => {
    const memberId = await harness.createMember(tenant);
    const key = randomUUID();
    const body = { memberId, amount: '12.00', method: 'CASH', paidOn: '2026-01-10' };

    const response = await harness.request('POST', '/api/v1/payments', {
      token: tenant.staffToken,
      body,
      idempotencyKey: key,
    });

    const rows = await harness.dataSource.query(
      'SELECT state, response_status, response_body FROM billing.idempotency_key WHERE key = $1',
      [key],
    );
    assert.equal(rows[0].state, 'COMPLETED');
    assert.equal(rows[0].response_status, 201);
    assert.deepEqual(JSON.parse(rows[0].response_body), response.body);
  });

  it('key of another user runs again', async () => {
    const memberId = await harness.createMember(tenant);
    const key = randomUUID();
    const body = { memberId, amount: '5.00', method: 'CASH', paidOn: '2026-01-10' };

    const staff = await harness.request('POST', '/api/v1/payments', {
      token: tenant.staffToken,
      body,
      idempotencyKey: key,
    });
    const admin = await harness.request('POST', '/api/v1/payments', {
      token: tenant.adminToken,
      body,
      idempotencyKey: key,
    });

    assert.equal(staff.status, 201);
    assert.equal(admin.status, 201);
    assert.notEqual(admin.body.id, staff.body.id);
  });

  it('rejected request frees its key', async () => {
    const memberId = await harness.createMember(tenant);
    const key = randomUUID();

    const rejected = await harness.request('POST', '/api/v1/payments', {
      token: tenant.staffToken,
      body: { memberId, amount: '5.001', method: 'CASH', paidOn: '2026-01-10' },
      idempotencyKey: key,
    });
    const fixed = await harness.request('POST', '/api/v1/payments', {
      token: tenant.staffToken,
      body: { memberId, amount: '5.00', method: 'CASH', paidOn: '2026-01-10' },
      idempotencyKey: key,
    });

    assert.equal(rejected.status, 400);
    assert.equal(fixed.status, 201);
  });
});
