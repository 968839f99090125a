import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bindEventQueue } from '@gym/testing';
import { startBilling, type BillingHarness, type TestTenant } from './support/billing-harness.js';

describe('corrections and month locks', () => {
  let harness: BillingHarness;
  let tenant: TestTenant;

  before(async () => {
    harness = await startBilling();
    harness.clock.set('2026-06-15T09:00:00Z');
    tenant = await harness.createTenant();
  });
  after(async () => {
    await harness?.close();
  });

  function correct(paymentId: string, fields: Record<string, unknown> = {}, language?: string) {
    return harness.request('POST', `/api/v1/payments/${paymentId}/corrections`, {
      token: tenant.staffToken,
      headers: language ? { 'accept-language': language } : {},
      body: {
        amount: '400.00',
        method: 'CASH',
        paidOn: '2026-03-10',
        reason: 'Yanlış tutar',
        ...fields,
      },
    });
  }

  function lockMonth(month: string, token = tenant.adminToken) {
    return harness.request('POST', '/api/v1/revenue-month-locks', { token, body: { month } });
  }

  function unlockMonth(month: string, token = tenant.adminToken) {
    return harness.request('DELETE', `/api/v1/revenue-month-locks/${month}`, { token });
  }

  it('correction replaces the original and links both', async () => {
    const probe = await bindEventQueue<Record<string, any>>(
      harness.env,
      'billing.payment.corrected',
    );
    try {
      const original = await harness.recordPayment(tenant, {
        amount: '450.00',
        paidOn: '2026-03-05',
      });

      const response = await correct(original.id);
      const reread = await harness.request('GET', `/api/v1/payments/${original.id}`, {
        token: tenant.staffToken,
      });

      assert.equal(response.status, 201);
      assert.equal(response.body.amount, '400.00');
      assert.equal(response.body.status, 'RECORDED');
      assert.equal(response.body.correctsPaymentId, original.id);
      assert.equal(response.body.correctionReason, 'Yanlış tutar');
      assert.equal(reread.body.status, 'CORRECTED');
      assert.equal(reread.body.correctedByPaymentId, response.body.id);
      const [event] = await probe.collect(1);
      assert.equal(event?.data.original.paymentId, original.id);
      assert.equal(event?.data.original.status, 'CORRECTED');
      assert.equal(event?.data.replacement.paymentId, response.body.id);
    } finally {
      await probe.close();
    }
  });

  it('correction of a correction works and totals count once', async () => {
    const memberId = await harness.createMember(tenant);
    const original = await harness.recordPayment(tenant, {
      memberId,
      amount: '100.10',
      paidOn: '2026-03-05',
    });
    const first = await correct(original.id, { amount: '100.20' });
    const second = await correct(first.body.id, { amount: '100.30' });
    const again = await correct(original.id, { amount: '1.00' }, 'en');

    const list = await harness.request('GET', `/api/v1/payments?memberId=${memberId}`, {
      token: tenant.staffToken,
    });

    assert.equal(second.status, 201);
    assert.equal(second.body.correctsPaymentId, first.body.id);
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'PAYMENT_ALREADY_CORRECTED');
    assert.match(again.body.message, /correct its replacement/);
    assert.equal(list.body.meta.total, 3);
    assert.equal(list.body.meta.totalAmount, '100.30');
  });

  it('concurrent corrections of one payment: one wins', async () => {
    const original = await harness.recordPayment(tenant, { paidOn: '2026-03-05' });

    const responses = await Promise.all(
      ['101.00', '102.00', '103.00', '104.00'].map((amount) => correct(original.id, { amount })),
    );

    const statuses = responses.map((response) => response.status).sort();
    assert.deepEqual(statuses, [201, 409, 409, 409]);
    for (const response of responses.filter((item) => item.status === 409)) {
      assert.equal(response.body.code, 'PAYMENT_ALREADY_CORRECTED');
    }
    const rows = await harness.dataSource.query(
      'SELECT count(*)::int AS count FROM billing.payments WHERE corrects_payment_id = $1',
      [original.id],
    );
    assert.equal(rows[0].count, 1);
  });

  it('correction into the future is rejected', async () => {
    const original = await harness.recordPayment(tenant, { paidOn: '2026-03-05' });

    const response = await correct(original.id, { paidOn: '2026-06-16' });

    assert.equal(response.status, 400);
    assert.equal(response.body.code, 'PAID_ON_IN_FUTURE');
  });

  it('locked month refuses payments and corrections until unlocked', async () => {
    const original = await harness.recordPayment(tenant, { paidOn: '2026-04-05' });
    const probe = await bindEventQueue<Record<string, any>>(harness.env, 'billing.month.*');
    try {
      const locked = await lockMonth('2026-04');
      assert.equal(locked.status, 201);
      assert.equal(locked.body.month, '2026-04');
      assert.equal(locked.body.lockedBy, tenant.adminUserId);

      const correction = await correct(original.id, { paidOn: '2026-04-06' });
      const intoLocked = await correct(original.id, { paidOn: '2026-04-07' }, 'en');
      const fromOtherMonth = await harness.recordPayment(tenant, { paidOn: '2026-05-01' });
      const movedIn = await correct(fromOtherMonth.id, { paidOn: '2026-04-20' });
      const payment = await harness.request('POST', '/api/v1/payments', {
        token: tenant.staffToken,
        body: { memberId: original.memberId, amount: '1.00', method: 'CASH', paidOn: '2026-04-30' },
      });

      assert.equal(correction.status, 409);
      assert.equal(correction.body.code, 'MONTH_LOCKED');
      assert.match(correction.body.message, /2026-04 ayı gelir kayıtlarına kilitlenmiş/);
      assert.match(intoLocked.body.message, /The month 2026-04 is locked/);
      assert.equal(movedIn.status, 409);
      assert.equal(payment.status, 409);

      const unlocked = await unlockMonth('2026-04');
      assert.equal(unlocked.status, 204);
      const afterUnlock = await correct(original.id, { paidOn: '2026-04-06' });
      assert.equal(afterUnlock.status, 201);

      const events = await probe.collect(2);
      assert.deepEqual(
        events.map((event) => event.type),
        ['billing.month.locked', 'billing.month.unlocked'],
      );
      assert.equal(events[1]?.data.unlockedBy, tenant.adminUserId);
    } finally {
      await probe.close();
    }
  });

  it('payment waiting on a month lock is refused', async () => {
    const member = await harness.createMember(tenant);
    const locking = harness.dataSource.createQueryRunner();
    await locking.connect();
    try {
      // The same steps as locking a month: the exclusive advisory lock, then the lock row.
      await locking.startTransaction();
      await locking.query('SELECT pg_advisory_xact_lock(7340103, hashtext($1))', [
        `${tenant.tenantId}:2026-02`,
      ]);
      await locking.query(
        'INSERT INTO billing.revenue_month_locks (tenant_id, month, locked_by) VALUES ($1, $2, $3)',
        [tenant.tenantId, '2026-02', tenant.adminUserId],
      );

      const payment = harness.request('POST', '/api/v1/payments', {
        token: tenant.staffToken,
        body: { memberId: member, amount: '10.00', method: 'CASH', paidOn: '2026-02-10' },
      });
      await waitForAdvisoryLockWaiter();
      await locking.commitTransaction();

      const refused = await payment;
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.equal(refused.body.code, 'MONTH_LOCKED');
    } finally {
      if (locking.isTransactionActive) await locking.rollbackTransaction();
      await locking.release();
    }
  });

  /** Waits until a session waits for an advisory lock, as the payment above does. */
  async function waitForAdvisoryLockWaiter(): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const [row] = await harness.dataSource.query(
        "SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
      );
      if (row.waiting > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('no session waited for the month advisory lock within 5 s');
  }

  it('lock history records who and when', async () => {
    await lockMonth('2026-01');
    await unlockMonth('2026-01');

    const rows = await harness.dataSource.query(
      `SELECT action, user_id FROM billing.revenue_month_lock_history
        WHERE tenant_id = $1 AND month = '2026-01' ORDER BY occurred_at`,
      [tenant.tenantId],
    );
    assert.deepEqual(
      rows.map((row: any) => [row.action, row.user_id]),
      [
        ['LOCKED', tenant.adminUserId],
        ['UNLOCKED', tenant.adminUserId],
      ],
    );
  });

  it('lock list, double lock and unknown unlock', async () => {
    await lockMonth('2026-02');

    const list = await harness.request('GET', '/api/v1/revenue-month-locks', {
      token: tenant.staffToken,
    });
    const twice = await lockMonth('2026-02');
    const notLocked = await unlockMonth('2025-11');
    const future = await lockMonth('2026-07');
    const malformed = await unlockMonth('2026-13');

    assert.ok(list.body.data.some((lock: any) => lock.month === '2026-02'));
    assert.equal(twice.status, 409);
    assert.equal(twice.body.code, 'MONTH_ALREADY_LOCKED');
    assert.equal(notLocked.status, 404);
    assert.equal(notLocked.body.code, 'MONTH_NOT_LOCKED');
    assert.equal(future.status, 400);
    assert.equal(future.body.code, 'MONTH_IN_FUTURE');
    assert.equal(malformed.status, 400);
  });

  it('staff cannot lock or unlock', async () => {
    const lock = await lockMonth('2026-03', tenant.staffToken);
    await lockMonth('2025-12');
    const unlock = await unlockMonth('2025-12', tenant.staffToken);

    assert.equal(lock.status, 403);
    assert.equal(lock.body.code, 'FORBIDDEN_ROLE');
    assert.match(lock.body.message, /yalnızca yöneticiler/);
    assert.equal(unlock.status, 403);
  });

  it('another tenant lock does not apply', async () => {
    const other = await harness.createTenant();
    await harness.request('POST', '/api/v1/revenue-month-locks', {
      token: other.adminToken,
      body: { month: '2026-05' },
    });

    const payment = await harness.recordPayment(tenant, { paidOn: '2026-05-02' });
    const otherUnlock = await unlockMonth('2026-02', other.adminToken);

    assert.equal(payment.paidOn, '2026-05-02');
    assert.equal(otherUnlock.status, 404);
  });
});
