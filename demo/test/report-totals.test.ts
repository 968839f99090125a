import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatKurus, timesQuantity, toKurus } from '../src/money.js';
import { flatten, readProductsReport, readRevenueReport } from '../src/report-reading.js';
import { diffAmounts, diffProducts, productTotals } from '../src/revenue-totals.js';

describe('money in kuruş', () => {
  it('exact sums of decimal strings', () => {
    assert.equal(formatKurus(toKurus('0.10') + toKurus('0.20')), '0.30');
    assert.equal(formatKurus(toKurus('1200') + toKurus('62.5')), '1262.50');
    assert.equal(formatKurus(timesQuantity('62.50', 3)), '187.50');
    assert.equal(formatKurus(-toKurus('5.05')), '-5.05');
  });

  it('invalid amount text rejected', () => {
    assert.throws(() => toKurus('1,50'), /not a money amount: "1,50"/);
    assert.throws(() => toKurus('1.505'), /not a money amount/);
  });
});

describe('report totals against the services', () => {
  it('breakdowns as lists or objects', () => {
    const listed = readRevenueReport({
      bySource: [{ source: 'MEMBERSHIP', amount: '1200.00' }],
      byMethod: [{ method: 'CASH', total: '1200.00' }],
      byDay: [{ date: '2026-11-03', revenue: '1200.00' }],
    });
    const keyed = readRevenueReport({
      bySource: { MEMBERSHIP: '1200.00' },
      byMethod: { CASH: { amount: '1200.00' } },
      byDay: { '2026-11-03': '1200.00' },
    });
    const named = readRevenueReport({
      sources: [{ source: 'MEMBERSHIP', totalAmount: '1200.00' }],
      methods: [{ paymentMethod: 'CASH', amount: '1200.00' }],
      days: [{ day: '2026-11-03', amount: '1200.00' }],
    });
    assert.deepEqual(listed, keyed);
    assert.deepEqual(named, keyed);
    assert.equal(listed.byDay.get('2026-11-03'), 120000n);
  });

  it('products report with or without data', () => {
    const rows = [{ productId: 'p1', name: 'Su 500 ml', quantity: 4, revenue: '60.00' }];
    const expected = new Map([['p1', { quantity: 4, revenue: 6000n }]]);
    assert.deepEqual(readProductsReport({ data: rows }), expected);
    assert.deepEqual(readProductsReport(rows), expected);
    assert.deepEqual(readProductsReport({ products: rows }), expected);
    assert.throws(() => readProductsReport({ rows }), /no list of products/);
  });

  it('row without decimal amount rejected', () => {
    assert.throws(
      () =>
        readRevenueReport({
          bySource: [{ source: 'MEMBERSHIP', amount: 1200 }],
          byMethod: {},
          byDay: {},
        }),
      /no decimal amount/,
    );
  });

  it('differing totals listed', () => {
    const services = new Map([
      ['CASH', 120000n],
      ['CREDIT_CARD', 5000n],
    ]);
    const report = new Map([
      ['CASH', 120000n],
      ['OTHER', 100n],
    ]);
    assert.deepEqual(diffAmounts('by method', services, report), [
      'by method CREDIT_CARD: report 0.00, services 50.00',
      'by method OTHER: report 1.00, services 0.00',
    ]);
    assert.deepEqual(diffAmounts('by method', services, new Map(services)), []);
  });

  it('product totals and differences', () => {
    const sales = [
      {
        paymentMethod: 'CASH',
        soldOn: '2026-11-01',
        items: [{ productId: 'p1', quantity: 2, unitPrice: '15.00' }],
      },
      {
        paymentMethod: 'CASH',
        soldOn: '2026-11-02',
        items: [{ productId: 'p1', quantity: 1, unitPrice: '15.00' }],
      },
    ];
    const totals = productTotals(sales);
    assert.deepEqual(totals, new Map([['p1', { quantity: 3, revenue: 4500n }]]));
    assert.deepEqual(
      diffProducts('product', totals, new Map([['p1', { quantity: 2, revenue: 4500n }]])),
      ['product p1: report 2 for 45.00, services 3 for 45.00'],
    );
  });

  it('dashboard flattened to rows', () => {
    assert.deepEqual(flatten({ members: { active: 12, frozen: 1 }, revenueThisMonth: '0.00' }), [
      ['members.active', '12'],
      ['members.frozen', '1'],
      ['revenueThisMonth', '0.00'],
    ]);
  });
});
