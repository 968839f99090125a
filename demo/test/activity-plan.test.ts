import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDemoData } from '../src/demo-data.js';
import { productSpecs } from '../src/gym-profile.js';
import { formatKurus, toKurus } from '../src/money.js';
import { plannedTotals } from '../src/planned-totals.js';
import { sumOf } from '../src/revenue-totals.js';

const size = { seed: 'cinar-spor', month: '2026-11', members: 300, days: 30 };
const today = '2026-12-04';
const { activity, members } = buildDemoData(size, today);

describe('the month activity plan', () => {
  it('same seed gives same plan', () => {
    assert.deepEqual(buildDemoData(size, today).activity, activity);
  });

  it('dates inside the month, freezes from today', () => {
    const inMonth = (date: string) => date >= '2026-11-01' && date <= '2026-11-30';
    for (const payment of activity.payments) {
      assert.ok(inMonth(payment.paidOn), payment.paidOn);
      if (payment.correction) assert.ok(inMonth(payment.correction.paidOn));
    }
    for (const sale of activity.sales) assert.ok(inMonth(sale.soldOn), sale.soldOn);
    assert.ok(activity.freezes.length > 0);
    for (const freeze of activity.freezes) {
      assert.ok(freeze.startDate >= today, `${freeze.startDate} is before today`);
      assert.ok(freeze.endDate > freeze.startDate, `${freeze.endDate} ends the freeze early`);
    }
    assert.ok(inMonth(activity.paymentAfterLock.paidOn));
  });

  it('every member pays, some corrected', () => {
    const paid = new Set(activity.payments.map((payment) => payment.memberPhone));
    assert.equal(paid.size, members.length);

    const corrected = activity.payments.filter((payment) => payment.correction);
    assert.ok(corrected.length >= 10, `${corrected.length} corrections`);
    for (const payment of corrected) {
      const fix = payment.correction!;
      assert.ok(
        fix.amount !== payment.amount ||
          fix.method !== payment.method ||
          fix.paidOn !== payment.paidOn,
        `the correction ${fix.key} changes nothing`,
      );
    }
  });

  it('plan changes, freezes and stock', () => {
    const upgraded = new Set(activity.planChanges.map((change) => change.memberPhone));
    assert.ok(upgraded.size > 0);
    for (const freeze of activity.freezes) assert.ok(!upgraded.has(freeze.memberPhone));

    for (const product of productSpecs.filter((spec) => spec.stockQuantity !== undefined)) {
      const sold = activity.sales
        .flatMap((sale) => sale.items)
        .filter((item) => item.product === product.key)
        .reduce((sum, item) => sum + item.quantity, 0);
      assert.ok(sold <= product.stockQuantity!, `${product.key}: ${sold} sold`);
    }
    assert.ok(activity.sales.some((sale) => sale.key === activity.deletedSaleKey));
  });

  it('totals count corrections once', () => {
    const totals = plannedTotals(activity, true);
    const payments = activity.payments.reduce(
      (sum, payment) => sum + toKurus(payment.correction?.amount ?? payment.amount),
      0n,
    );
    const deleted = activity.sales.find((sale) => sale.key === activity.deletedSaleKey)!;
    const price = new Map(productSpecs.map((spec) => [spec.key, toKurus(spec.price)]));
    const saleTotal = (sale: typeof deleted) =>
      sale.items.reduce((sum, item) => sum + price.get(item.product)! * BigInt(item.quantity), 0n);
    const sales =
      activity.sales.reduce((sum, sale) => sum + saleTotal(sale), 0n) - saleTotal(deleted);

    assert.equal(formatKurus(totals.bySource.get('MEMBERSHIP')!), formatKurus(payments));
    assert.equal(formatKurus(totals.bySource.get('PRODUCT_SALES')!), formatKurus(sales));
    assert.equal(sumOf(totals.byMethod), payments + sales);
    assert.equal(sumOf(totals.byDay), payments + sales);
    assert.equal(plannedTotals(activity, false).bySource.get('PRODUCT_SALES'), undefined);
  });
});
