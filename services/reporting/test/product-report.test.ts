import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { saleData } from './support/fixtures.js';
import {
  startReporting,
  type ReportingHarness,
  type TestTenant,
} from './support/reporting-harness.js';

describe('products report', () => {
  let harness: ReportingHarness;
  let tenant: TestTenant;
  const branchId = randomUUID();
  const water = { productId: randomUUID(), productName: 'Su', unitPrice: '10.00' };
  const bar = { productId: randomUUID(), productName: 'Protein Bar', unitPrice: '12.00' };
  const shaker = { productId: randomUUID(), productName: 'Shaker', unitPrice: '50.00' };

  before(async () => {
    harness = await startReporting();
    harness.clock.set('2026-03-15T09:00:00Z');
    tenant = await harness.createTenant();
    const sell = (
      soldOn: string,
      items: { productId: string; productName: string; unitPrice: string; quantity: number }[],
    ) =>
      harness.deliver(
        'catalog.sale.recorded',
        tenant.tenantId,
        saleData({ branchId, soldOn, items }),
      );

    await sell('2026-03-01', [
      { ...water, quantity: 3 },
      { ...shaker, quantity: 1 },
    ]);
    await sell('2026-03-02', [
      { ...water, quantity: 2 },
      { ...bar, quantity: 5 },
    ]);
    await sell('2026-03-03', [{ ...shaker, quantity: 1 }]);
    // Outside the range asked for below.
    await sell('2026-04-01', [{ ...shaker, quantity: 10 }]);
    await harness.deliver('catalog.product.updated', tenant.tenantId, {
      productId: shaker.productId,
      name: 'Shaker 700 ml',
      sku: 'SHK-700',
      price: '50.00',
      stockQuantity: 4,
      branchId: null,
      archived: false,
    });
  });
  after(async () => {
    await harness?.close();
  });

  it('lists best sellers first: by quantity, then by revenue', async () => {
    const response = await harness.request(
      '/api/v1/reports/products?from=2026-03-01&to=2026-03-31',
      { token: tenant.staffToken },
    );

    assert.equal(response.status, 200, response.text);
    assert.deepEqual(
      response.body.data.map((row: any) => [row.name, row.sku, row.quantity, row.revenue]),
      [
        ['Protein Bar', null, 5, '60.00'],
        ['Su', null, 5, '50.00'],
        ['Shaker 700 ml', 'SHK-700', 2, '100.00'],
      ],
    );
    assert.deepEqual(response.body.meta, { page: 1, limit: 20, total: 3 });
  });

  it('sums partial months from days and whole months alike', async () => {
    const ranges = {
      'from=2026-03-02&to=2026-04-01': [
        ['Shaker 700 ml', 11, '550.00'],
        ['Protein Bar', 5, '60.00'],
        ['Su', 2, '20.00'],
      ],
      'from=2026-02-15&to=2026-04-01': [
        ['Shaker 700 ml', 12, '600.00'],
        ['Protein Bar', 5, '60.00'],
        ['Su', 5, '50.00'],
      ],
      'from=2026-03-03&to=2026-03-03': [['Shaker 700 ml', 1, '50.00']],
    };
    for (const [range, expected] of Object.entries(ranges)) {
      const response = await harness.request(`/api/v1/reports/products?${range}`, {
        token: tenant.adminToken,
      });
      assert.equal(response.status, 200, response.text);
      assert.deepEqual(
        response.body.data.map((row: any) => [row.name, row.quantity, row.revenue]),
        expected,
        range,
      );
    }
  });

  it('pages through the products', async () => {
    const response = await harness.request(
      '/api/v1/reports/products?from=2026-03-01&to=2026-03-31&limit=2&page=2',
      { token: tenant.adminToken },
    );

    assert.equal(response.status, 200, response.text);
    assert.deepEqual(
      response.body.data.map((row: any) => row.productId),
      [shaker.productId],
    );
    assert.deepEqual(response.body.meta, { page: 2, limit: 2, total: 3 });

    const pastTheEnd = await harness.request(
      '/api/v1/reports/products?from=2026-03-01&to=2026-03-31&limit=2&page=3',
      { token: tenant.adminToken },
    );
    assert.deepEqual(pastTheEnd.body, { data: [], meta: { page: 3, limit: 2, total: 3 } });
  });

  it('another tenant sees no product sales', async () => {
    const other = await harness.createTenant();
    const response = await harness.request(
      '/api/v1/reports/products?from=2026-03-01&to=2026-04-30',
      { token: other.adminToken },
    );

    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, { data: [], meta: { page: 1, limit: 20, total: 0 } });
  });
});
