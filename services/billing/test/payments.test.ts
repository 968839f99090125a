import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import { bindEventQueue } from '@gym/testing';
import { startBilling, type BillingHarness, type TestTenant } from './support/billing-harness.js';

describe('payments', () => {
  let harness: BillingHarness;
  let tenant: TestTenant;

  before(async () => {
    harness = await startBilling();
    tenant = await harness.createTenant();
  });
  after(async () => {
    await harness?.close();
  });
  afterEach(() => {
    harness.clock.reset();
  });

  it('records a payment and publishes it', async () => {
    const probe = await bindEventQueue<Record<string, any>>(
      harness.env,
      'billing.payment.recorded',
    );
    try {
      const memberId = await harness.createMember(tenant);
      const response = await harness.request('POST', '/api/v1/payments', {
        token: tenant.staffToken,
        body: {
          memberId,
          amount: '1250.5',
          method: 'CREDIT_CARD',
          paidOn: '2026-02-01',
          note: 'Şubat',
        },
      });

      assert.equal(response.status, 201);
      assert.equal(response.body.amount, '1250.50');
      assert.equal(response.body.status, 'RECORDED');
      assert.equal(response.body.paidOn, '2026-02-01');
      assert.equal(response.body.memberId, memberId);
      assert.equal(response.body.recordedBy, tenant.staffUserId);
      const [event] = await probe.collect(1);
      assert.equal(event?.data.paymentId, response.body.id);
      assert.equal(event?.data.amount, '1250.50');
      assert.equal(event?.tenantId, tenant.tenantId);
    } finally {
      await probe.close();
    }
  });

  it('get returns the payment', async () => {
    const payment = await harness.recordPayment(tenant);

    const response = await harness.request('GET', `/api/v1/payments/${payment.id}`, {
      token: tenant.staffToken,
    });

    assert.equal(response.status, 200);
    assert.deepEqual(response.body, payment);
  });

  it('invalid amounts are rejected in both languages', async () => {
    const memberId = await harness.createMember(tenant);
    for (const amount of ['0', '0.00', '-5.00', '1.005', '1e3', '100000000.00', ' 12', 'abc', '']) {
      const response = await harness.request('POST', '/api/v1/payments', {
        token: tenant.staffToken,
        body: { memberId, amount, method: 'CASH', paidOn: '2026-01-10' },
      });
      assert.equal(response.status, 400, `amount ${JSON.stringify(amount)}`);
      assert.equal(response.body.code, 'INVALID_AMOUNT', `amount ${JSON.stringify(amount)}`);
      assert.match(response.body.message, /Tutar geçersiz/);
    }

    const english = await harness.request('POST', '/api/v1/payments', {
      token: tenant.staffToken,
      headers: { 'accept-language': 'en' },
      body: { memberId, amount: '12.345', method: 'CASH', paidOn: '2026-01-10' },
    });
    assert.match(english.body.message, /at most 2 decimals/);
  });

  it('number amount and unknown fields are rejected', async () => {
    const memberId = await harness.createMember(tenant);

    const numeric = await harness.request('POST', '/api/v1/payments', {
      token: tenant.staffToken,
      body: { memberId, amount: 10.5, method: 'CASH', paidOn: '2026-01-10' },
    });
    const unknown = await harness.request('POST', '/api/v1/payments', {
      token: tenant.staffToken,
      body: {
        memberId,
        amount: '10.50',
        method: 'CASH',
        paidOn: '2026-01-10',
        tenantId: randomUUID(),
      },
    });
    const badMethod = await harness.request('POST', '/api/v1/payments', {
      token: tenant.staffToken,
      body: { memberId, amount: '10.50', method: 'CHEQUE', paidOn: '2026-01-10' },
    });

    assert.equal(numeric.status, 400);
    assert.equal(numeric.body.errors[0].field, 'amount');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.errors[0].field, 'tenantId');
    assert.equal(badMethod.status, 400);
    assert.equal(badMethod.body.errors[0].field, 'method');
  });

  it('unknown member is rejected', async () => {
    const other = await harness.createTenant();
    const foreignMember = await harness.createMember(other);

    for (const memberId of [randomUUID(), foreignMember]) {
      const response = await harness.request('POST', '/api/v1/payments', {
        token: tenant.staffToken,
        headers: { 'accept-language': 'en' },
        body: { memberId, amount: '10.00', method: 'CASH', paidOn: '2026-01-10' },
      });
      assert.equal(response.status, 400);
      assert.equal(response.body.code, 'MEMBER_NOT_FOUND');
      assert.match(response.body.message, /Member not found/);
    }
  });

  it('23:30 Istanbul time counts as that local day', async () => {
    // 20:30 UTC is 23:30 in Istanbul (UTC+3 all year).
    harness.clock.set('2026-03-31T20:30:00Z');
    const memberId = await harness.createMember(tenant);

    const today = await harness.request('POST', '/api/v1/payments', {
      token: tenant.staffToken,
      body: { memberId, amount: '100.00', method: 'CASH', paidOn: '2026-03-31' },
    });
    const tomorrow = await harness.request('POST', '/api/v1/payments', {
      token: tenant.staffToken,
      body: { memberId, amount: '100.00', method: 'CASH', paidOn: '2026-04-01' },
    });

    assert.equal(today.status, 201);
    assert.equal(today.body.paidOn, '2026-03-31');
    assert.equal(tomorrow.status, 400);
    assert.equal(tomorrow.body.code, 'PAID_ON_IN_FUTURE');
    assert.match(tomorrow.body.message, /bugünden \(2026-03-31\) sonra olamaz/);
  });

  it('after midnight Istanbul the new day is allowed', async () => {
    // 21:30 UTC is 00:30 of the next day in Istanbul, while UTC still has the old date.
    harness.clock.set('2026-03-31T21:30:00Z');
    const memberId = await harness.createMember(tenant);

    const response = await harness.request('POST', '/api/v1/payments', {
      token: tenant.staffToken,
      body: { memberId, amount: '100.00', method: 'CASH', paidOn: '2026-04-01' },
    });

    assert.equal(response.status, 201);
    const month = await harness.request(
      'GET',
      `/api/v1/payments?memberId=${memberId}&from=2026-04-01&to=2026-04-30`,
      {
        token: tenant.staffToken,
      },
    );
    assert.equal(month.body.meta.total, 1);
  });

  it('many 0.10 and 0.20 payments sum exactly', async () => {
    const memberId = await harness.createMember(tenant);
    for (let index = 0; index < 30; index += 1) {
      await harness.recordPayment(tenant, {
        memberId,
        amount: index % 2 === 0 ? '0.10' : '0.20',
        paidOn: '2026-01-20',
      });
    }
    await harness.recordPayment(tenant, { memberId, amount: '99999999.99', paidOn: '2026-01-21' });

    const list = await harness.request('GET', `/api/v1/payments?memberId=${memberId}&limit=5`, {
      token: tenant.staffToken,
    });
    const januaryTwentieth = await harness.request(
      'GET',
      `/api/v1/payments?memberId=${memberId}&from=2026-01-20&to=2026-01-20`,
      { token: tenant.staffToken },
    );

    assert.equal(list.body.meta.total, 31);
    assert.equal(list.body.data.length, 5);
    assert.equal(list.body.meta.totalAmount, '100000004.49');
    assert.equal(januaryTwentieth.body.meta.totalAmount, '4.50');
  });

  it('list filters by method, branch and dates', async () => {
    const branchId = randomUUID();
    const memberId = await harness.createMember(tenant, branchId);
    await harness.recordPayment(tenant, { memberId, method: 'CASH', paidOn: '2026-01-05' });
    await harness.recordPayment(tenant, {
      memberId,
      method: 'BANK_TRANSFER',
      paidOn: '2026-01-06',
    });

    const byBranch = await harness.request('GET', `/api/v1/payments?branchId=${branchId}`, {
      token: tenant.staffToken,
    });
    const byMethod = await harness.request(
      'GET',
      `/api/v1/payments?branchId=${branchId}&method=BANK_TRANSFER`,
      {
        token: tenant.staffToken,
      },
    );
    const reversed = await harness.request(
      'GET',
      '/api/v1/payments?from=2026-02-01&to=2026-01-01',
      {
        token: tenant.staffToken,
      },
    );
    const tooMany = await harness.request('GET', '/api/v1/payments?limit=101', {
      token: tenant.staffToken,
    });

    assert.equal(byBranch.body.meta.total, 2);
    assert.deepEqual(
      byBranch.body.data.map((payment: any) => payment.paidOn),
      ['2026-01-06', '2026-01-05'],
    );
    assert.equal(byMethod.body.meta.total, 1);
    assert.equal(reversed.status, 400);
    assert.equal(reversed.body.code, 'INVALID_DATE_RANGE');
    assert.equal(tooMany.status, 400);
  });

  it('another tenant payment is not found', async () => {
    const payment = await harness.recordPayment(tenant);
    const other = await harness.createTenant();

    const read = await harness.request('GET', `/api/v1/payments/${payment.id}`, {
      token: other.adminToken,
    });
    const correct = await harness.request('POST', `/api/v1/payments/${payment.id}/corrections`, {
      token: other.adminToken,
      body: { amount: '1.00', method: 'CASH', paidOn: '2026-01-15', reason: 'x' },
    });
    const malformed = await harness.request('GET', '/api/v1/payments/not-a-uuid', {
      token: other.adminToken,
    });
    const list = await harness.request('GET', '/api/v1/payments', { token: other.adminToken });

    assert.equal(read.status, 404);
    assert.equal(read.body.code, 'NOT_FOUND');
    assert.equal(correct.status, 404);
    assert.equal(malformed.status, 404);
    assert.equal(list.body.meta.total, 0);
  });

  it('staff limited to a branch see and pay only that branch', async () => {
    const ownBranch = randomUUID();
    const otherBranch = randomUUID();
    const ownMember = await harness.createMember(tenant, ownBranch);
    const otherMember = await harness.createMember(tenant, otherBranch);
    const ownPayment = await harness.recordPayment(tenant, { memberId: ownMember });
    const otherPayment = await harness.recordPayment(tenant, { memberId: otherMember });
    const limited = await harness.tokens.sign({
      tenantId: tenant.tenantId,
      role: 'STAFF',
      userId: tenant.staffUserId,
      branchIds: [ownBranch],
    });

    const list = await harness.request('GET', '/api/v1/payments', { token: limited });
    const readOther = await harness.request('GET', `/api/v1/payments/${otherPayment.id}`, {
      token: limited,
    });
    const readOwn = await harness.request('GET', `/api/v1/payments/${ownPayment.id}`, {
      token: limited,
    });
    const otherBranchList = await harness.request(
      'GET',
      `/api/v1/payments?branchId=${otherBranch}`,
      { token: limited, headers: { 'accept-language': 'en' } },
    );
    const payOther = await harness.request('POST', '/api/v1/payments', {
      token: limited,
      body: { memberId: otherMember, amount: '10.00', method: 'CASH', paidOn: '2026-01-15' },
    });
    const correctOther = await harness.request(
      'POST',
      `/api/v1/payments/${otherPayment.id}/corrections`,
      {
        token: limited,
        body: { amount: '1.00', method: 'CASH', paidOn: '2026-01-15', reason: 'x' },
      },
    );

    assert.deepEqual(
      list.body.data.map((payment: any) => payment.id),
      [ownPayment.id],
      'the list holds only the own branch',
    );
    assert.equal(readOwn.status, 200, readOwn.text);
    assert.equal(readOther.status, 404);
    assert.equal(otherBranchList.status, 403);
    assert.equal(otherBranchList.body.code, 'BRANCH_NOT_ALLOWED');
    assert.match(otherBranchList.body.message, /not allowed to act at the branch/);
    assert.equal(payOther.status, 400, payOther.text);
    assert.equal(payOther.body.code, 'MEMBER_NOT_FOUND');
    assert.equal(correctOther.status, 404);
  });

  it('request without token is rejected', async () => {
    const response = await harness.request('GET', '/api/v1/payments');
    assert.equal(response.status, 401);
    assert.equal(response.body.code, 'UNAUTHENTICATED');
  });
});
