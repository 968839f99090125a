import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { paymentData, saleData } from './support/fixtures.js';
import {
  startReporting,
  type ReportingHarness,
  type TestTenant,
} from './support/reporting-harness.js';

describe('revenue report', () => {
  let harness: ReportingHarness;

  before(async () => {
    harness = await startReporting();
    harness.clock.set('2026-03-15T09:00:00Z');
  });
  after(async () => {
    await harness?.close();
  });

  async function revenue(tenant: TestTenant, month: string) {
    const response = await harness.request(`/api/v1/reports/revenue?month=${month}`, {
      token: tenant.adminToken,
    });
    assert.equal(response.status, 200, response.text);
    return response.body;
  }

  async function waitForTotal(tenant: TestTenant, month: string, total: string) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const report = await revenue(tenant, month);
      if (report.total === total || Date.now() > deadline) return report;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const source = (report: any, name: string) =>
    report.bySource.find((row: any) => row.source === name);
  const method = (report: any, name: string) =>
    report.byMethod.find((row: any) => row.method === name);
  const day = (report: any, date: string) => report.byDay.find((row: any) => row.date === date);

  it('a payment shows up once by source, method and day, also when delivered twice', async () => {
    const tenant = await harness.createTenant();
    const payment = paymentData({ branchId: randomUUID(), amount: '450.00', paidOn: '2026-03-02' });

    const id = await harness.deliver('billing.payment.recorded', tenant.tenantId, payment);
    await harness.deliver('billing.payment.recorded', tenant.tenantId, payment, { id });

    const report = await revenue(tenant, '2026-03');
    assert.equal(report.total, '450.00');
    assert.deepEqual(source(report, 'MEMBERSHIP'), {
      source: 'MEMBERSHIP',
      amount: '450.00',
      count: 1,
    });
    assert.equal(source(report, 'PRODUCT_SALES').amount, '0.00');
    assert.equal(method(report, 'CASH').amount, '450.00');
    assert.equal(day(report, '2026-03-02').membership, '450.00');
    assert.equal(report.byDay.length, 31, 'every day of March is listed');
  });

  it('a correction replaces its original at the corrected value, once', async () => {
    const tenant = await harness.createTenant();
    const branchId = randomUUID();
    const original = paymentData({ branchId, amount: '450.00', paidOn: '2026-03-02' });
    const replacement = paymentData({
      branchId,
      amount: '400.00',
      method: 'CREDIT_CARD',
      paidOn: '2026-03-03',
    });
    const correction = {
      original: { ...original, status: 'CORRECTED' },
      replacement,
      reason: 'Yanlış tutar',
    };

    await harness.deliver('billing.payment.recorded', tenant.tenantId, original);
    const id = await harness.deliver('billing.payment.corrected', tenant.tenantId, correction);
    await harness.deliver('billing.payment.corrected', tenant.tenantId, correction, { id });

    const report = await revenue(tenant, '2026-03');
    assert.equal(report.total, '400.00');
    assert.equal(source(report, 'MEMBERSHIP').count, 1);
    assert.equal(method(report, 'CASH').amount, '0.00');
    assert.equal(method(report, 'CREDIT_CARD').amount, '400.00');
    assert.equal(day(report, '2026-03-02').total, '0.00');
    assert.equal(day(report, '2026-03-03').total, '400.00');
  });

  it('a correction that arrives before its original still counts the replacement only', async () => {
    const tenant = await harness.createTenant();
    const branchId = randomUUID();
    const original = paymentData({ branchId, amount: '450.00', paidOn: '2026-03-02' });
    const replacement = paymentData({ branchId, amount: '300.00', paidOn: '2026-03-02' });

    await harness.deliver('billing.payment.corrected', tenant.tenantId, {
      original: { ...original, status: 'CORRECTED' },
      replacement,
      reason: 'Yanlış tutar',
    });
    await harness.deliver('billing.payment.recorded', tenant.tenantId, original);
    await harness.deliver('billing.payment.recorded', tenant.tenantId, original);

    const report = await revenue(tenant, '2026-03');
    assert.equal(report.total, '300.00');
    assert.equal(source(report, 'MEMBERSHIP').count, 1);
  });

  it('a deleted sale leaves the totals, also when the deletion arrives first', async () => {
    const tenant = await harness.createTenant();
    const branchId = randomUUID();
    const item = {
      productId: randomUUID(),
      productName: 'Protein Bar',
      quantity: 2,
      unitPrice: '35.50',
    };
    const kept = saleData({ branchId, soldOn: '2026-03-05', items: [item] });
    const deletedLater = saleData({ branchId, soldOn: '2026-03-05', items: [item] });
    const deletedFirst = saleData({ branchId, soldOn: '2026-03-06', items: [item] });

    await harness.deliver('catalog.sale.recorded', tenant.tenantId, kept);
    await harness.deliver('catalog.sale.recorded', tenant.tenantId, deletedLater);
    const deletion = { ...deletedLater, deletedAt: new Date().toISOString() };
    const id = await harness.deliver('catalog.sale.deleted', tenant.tenantId, deletion);
    await harness.deliver('catalog.sale.deleted', tenant.tenantId, deletion, { id });
    await harness.deliver('catalog.sale.deleted', tenant.tenantId, {
      ...deletedFirst,
      deletedAt: new Date().toISOString(),
    });
    await harness.deliver('catalog.sale.recorded', tenant.tenantId, deletedFirst);

    const report = await revenue(tenant, '2026-03');
    assert.equal(report.total, '71.00');
    assert.deepEqual(source(report, 'PRODUCT_SALES'), {
      source: 'PRODUCT_SALES',
      amount: '71.00',
      count: 1,
    });
    assert.equal(day(report, '2026-03-06').total, '0.00');

    const products = await harness.request(
      '/api/v1/reports/products?from=2026-03-01&to=2026-03-31',
      { token: tenant.adminToken },
    );
    assert.equal(products.status, 200, products.text);
    assert.deepEqual(
      products.body.data.map((row: any) => [row.name, row.quantity, row.revenue]),
      [['Protein Bar', 2, '71.00']],
    );
  });

  it('a payment at 23:30 on the last day of a month, Istanbul time, counts in that month', async () => {
    const tenant = await harness.createTenant('Europe/Istanbul');
    // 2026-01-31 23:30 in Istanbul (UTC+3) is 20:30 UTC; billing dates the payment 2026-01-31.
    await harness.deliver(
      'billing.payment.recorded',
      tenant.tenantId,
      paymentData({ branchId: randomUUID(), amount: '250.00', paidOn: '2026-01-31' }),
      { occurredAt: '2026-01-31T20:30:00Z' },
    );

    assert.equal((await revenue(tenant, '2026-01')).total, '250.00');
    assert.equal((await revenue(tenant, '2026-02')).total, '0.00');

    // 00:30 on 1 February in Istanbul is still 31 January in UTC: the dashboard's month is February.
    harness.clock.set('2026-01-31T21:30:00Z');
    try {
      const summary = await harness.request('/api/v1/dashboard/summary', {
        token: tenant.adminToken,
      });
      assert.equal(summary.status, 200, summary.text);
      assert.equal(summary.body.today, '2026-02-01');
      assert.deepEqual(summary.body.revenue, { thisMonth: '0.00', lastMonth: '250.00' });
    } finally {
      harness.clock.set('2026-03-15T09:00:00Z');
    }
  });

  it('fifty payments of one day delivered at once sum exactly', async () => {
    const tenant = await harness.createTenant();
    const branchId = randomUUID();
    const payments = Array.from({ length: 50 }, (_, index) =>
      paymentData({ branchId, amount: `${index + 1}.01`, paidOn: '2026-03-09' }),
    );

    // Published together, so the consumer's ten prefetched deliveries update the same rows at once.
    await Promise.all(
      payments.map((payment) =>
        harness.events.publish('billing.payment.recorded', tenant.tenantId, payment),
      ),
    );

    const report = await waitForTotal(tenant, '2026-03', '1275.50');
    assert.deepEqual(source(report, 'MEMBERSHIP'), {
      source: 'MEMBERSHIP',
      amount: '1275.50',
      count: 50,
    });
  });

  it('another tenant sees none of the revenue', async () => {
    const owner = await harness.createTenant();
    const other = await harness.createTenant();
    await harness.deliver(
      'billing.payment.recorded',
      owner.tenantId,
      paymentData({ branchId: randomUUID(), amount: '99.00', paidOn: '2026-03-10' }),
    );

    assert.equal((await revenue(owner, '2026-03')).total, '99.00');
    assert.equal((await revenue(other, '2026-03')).total, '0.00');
  });
});
