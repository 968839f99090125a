import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startCatalog, type CatalogHarness, type TestTenant } from './support/catalog-harness.js';

describe('product sales', () => {
  let harness: CatalogHarness;
  let tenant: TestTenant;

  before(async () => {
    harness = await startCatalog();
    tenant = await harness.createTenant();
  });
  beforeEach(() => {
    harness.clock.set('2026-06-15T09:00:00Z');
  });
  after(async () => {
    await harness?.close();
  });

  it('19.99 × 3 totals exactly 59.97', async () => {
    const product = await harness.createProduct(tenant, { price: '19.99' });

    const response = await harness.recordSale(tenant, {
      items: [{ productId: product.id, quantity: 3 }],
    });

    assert.equal(response.status, 201, response.text);
    assert.equal(response.body.total, '59.97');
    assert.deepEqual(response.body.items, [
      {
        productId: product.id,
        productName: product.name,
        quantity: 3,
        unitPrice: '19.99',
        lineTotal: '59.97',
      },
    ]);
  });

  it('mixed items total exactly', async () => {
    const first = await harness.createProduct(tenant, { price: '0.10' });
    const second = await harness.createProduct(tenant, { price: '0.20' });
    const third = await harness.createProduct(tenant, { price: '99999999.99' });

    const response = await harness.recordSale(tenant, {
      items: [
        { productId: first.id, quantity: 1 },
        { productId: second.id, quantity: 1 },
        { productId: third.id, quantity: 10_000 },
      ],
    });

    assert.equal(response.status, 201, response.text);
    assert.equal(response.body.total, '999999999900.30');
    const lineTotals = Object.fromEntries(
      response.body.items.map((item: any) => [item.productId, item.lineTotal]),
    );
    assert.equal(lineTotals[first.id], '0.10');
    assert.equal(lineTotals[second.id], '0.20');
    assert.equal(lineTotals[third.id], '999999999900.00');
  });

  it('unit price comes from the product at sale time', async () => {
    const product = await harness.createProduct(tenant, { price: '12.00' });
    const earlier = await harness.recordSale(tenant, {
      items: [{ productId: product.id, quantity: 1 }],
    });
    await harness.request('PATCH', `/api/v1/products/${product.id}`, {
      token: tenant.adminToken,
      body: { price: '15.00', name: 'Yeni Ad' },
    });

    const afterChange = await harness.recordSale(tenant, {
      items: [{ productId: product.id, quantity: 1, unitPrice: '1.00' }],
    });
    const stored = await harness.request('GET', `/api/v1/product-sales/${earlier.body.id}`, {
      token: tenant.staffToken,
    });

    assert.equal(afterChange.status, 400, 'a client price is an unknown field');
    assert.equal(stored.body.items[0].unitPrice, '12.00');
    assert.equal(stored.body.items[0].productName, product.name);
    const next = await harness.recordSale(tenant, {
      items: [{ productId: product.id, quantity: 1 }],
    });
    assert.equal(next.body.items[0].unitPrice, '15.00');
    assert.equal(next.body.items[0].productName, 'Yeni Ad');
  });

  it('same product twice is merged into one line', async () => {
    const product = await harness.createProduct(tenant, { price: '2.50', stockQuantity: 10 });

    const response = await harness.recordSale(tenant, {
      items: [
        { productId: product.id, quantity: 2 },
        { productId: product.id.toUpperCase(), quantity: 3 },
      ],
    });

    assert.equal(response.status, 201, response.text);
    assert.equal(response.body.items.length, 1);
    assert.equal(response.body.items[0].quantity, 5);
    assert.equal(response.body.total, '12.50');
    assert.equal(await harness.stockOf(product.id), 5);
  });

  it('sale takes tracked stock and leaves untracked stock alone', async () => {
    const tracked = await harness.createProduct(tenant, { stockQuantity: 4 });
    const untracked = await harness.createProduct(tenant);

    const response = await harness.recordSale(tenant, {
      items: [
        { productId: tracked.id, quantity: 4 },
        { productId: untracked.id, quantity: 7 },
      ],
    });

    assert.equal(response.status, 201, response.text);
    assert.equal(await harness.stockOf(tracked.id), 0);
    assert.equal(await harness.stockOf(untracked.id), null);
  });

  it('insufficient stock rolls back every item', async () => {
    const plenty = await harness.createProduct(tenant, { stockQuantity: 10 });
    const scarce = await harness.createProduct(tenant, { name: 'Az Kalan', stockQuantity: 1 });

    const response = await harness.recordSale(tenant, {
      items: [
        { productId: plenty.id, quantity: 3 },
        { productId: scarce.id, quantity: 2 },
      ],
    });

    assert.equal(response.status, 409, response.text);
    assert.equal(response.body.code, 'INSUFFICIENT_STOCK');
    assert.match(response.body.message, /Az Kalan/);
    assert.equal(await harness.stockOf(plenty.id), 10);
    assert.equal(await harness.stockOf(scarce.id), 1);
  });

  it('member of the tenant is stored on the sale', async () => {
    const memberId = await harness.createMember(tenant);
    const product = await harness.createProduct(tenant);

    const response = await harness.recordSale(tenant, {
      memberId,
      note: 'Kasada',
      items: [{ productId: product.id, quantity: 1 }],
    });

    assert.equal(response.status, 201, response.text);
    assert.equal(response.body.memberId, memberId);
    assert.equal(response.body.note, 'Kasada');
  });

  it('branch product sells at its branch', async () => {
    const local = await harness.createProduct(tenant, { branchId: tenant.branchId });

    const response = await harness.recordSale(tenant, {
      items: [{ productId: local.id, quantity: 1 }],
    });

    assert.equal(response.status, 201, response.text);
  });

  it('STAFF limited to branches sells only there', async () => {
    const otherBranch = await harness.createBranch(tenant);
    const product = await harness.createProduct(tenant);
    const staff = await harness.tokens.sign({
      tenantId: tenant.tenantId,
      role: 'STAFF',
      branchIds: [tenant.branchId],
    });
    const body = (branchId: string) => ({
      branchId,
      paymentMethod: 'CASH',
      soldOn: '2026-06-10',
      items: [{ productId: product.id, quantity: 1 }],
    });

    const outside = await harness.request('POST', '/api/v1/product-sales', {
      token: staff,
      body: body(otherBranch),
    });
    const inside = await harness.request('POST', '/api/v1/product-sales', {
      token: staff,
      body: body(tenant.branchId),
    });
    const list = await harness.request('GET', '/api/v1/product-sales?limit=100', {
      token: staff,
    });

    assert.equal(outside.status, 403, outside.text);
    assert.equal(outside.body.code, 'BRANCH_NOT_ALLOWED');
    assert.equal(inside.status, 201, inside.text);
    assert.ok(list.body.data.every((sale: any) => sale.branchId === tenant.branchId));
  });

  it('repeated Idempotency-Key replays the sale once', async () => {
    const product = await harness.createProduct(tenant, { stockQuantity: 5 });
    const key = randomUUID();
    const body = {
      branchId: tenant.branchId,
      paymentMethod: 'CASH',
      soldOn: '2026-06-10',
      items: [{ productId: product.id, quantity: 2 }],
    };

    const first = await harness.request('POST', '/api/v1/product-sales', {
      token: tenant.staffToken,
      body,
      idempotencyKey: key,
    });
    const replay = await harness.request('POST', '/api/v1/product-sales', {
      token: tenant.staffToken,
      body,
      idempotencyKey: key,
    });
    const reused = await harness.request('POST', '/api/v1/product-sales', {
      token: tenant.staffToken,
      body: { ...body, paymentMethod: 'OTHER' },
      idempotencyKey: key,
    });

    assert.equal(first.status, 201, first.text);
    assert.equal(replay.status, 201);
    assert.equal(replay.body.id, first.body.id);
    assert.equal(reused.status, 422);
    assert.equal(reused.body.code, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(await harness.stockOf(product.id), 3);
  });

  it('list filters by date, branch and member', async () => {
    const own = await harness.createTenant();
    const memberId = await harness.createMember(own);
    const product = await harness.createProduct(own);
    const items = [{ productId: product.id, quantity: 1 }];
    await harness.recordSale(own, { soldOn: '2026-05-01', items });
    await harness.recordSale(own, { soldOn: '2026-06-01', items, memberId });
    await harness.recordSale(own, { soldOn: '2026-06-14', items });

    const june = await harness.request(
      'GET',
      '/api/v1/product-sales?from=2026-06-01&to=2026-06-30',
      { token: own.staffToken },
    );
    const byMember = await harness.request('GET', `/api/v1/product-sales?memberId=${memberId}`, {
      token: own.staffToken,
    });
    const byBranch = await harness.request(
      'GET',
      `/api/v1/product-sales?branchId=${randomUUID()}`,
      { token: own.staffToken },
    );
    const reversed = await harness.request(
      'GET',
      '/api/v1/product-sales?from=2026-06-30&to=2026-06-01',
      { token: own.staffToken, headers: { 'accept-language': 'en' } },
    );

    assert.deepEqual(
      june.body.data.map((sale: any) => sale.soldOn),
      ['2026-06-14', '2026-06-01'],
    );
    assert.equal(june.body.data[0].items.length, 1);
    assert.equal(byMember.body.meta.total, 1);
    assert.equal(byBranch.body.meta.total, 0);
    assert.equal(reversed.status, 400);
    assert.equal(reversed.body.code, 'INVALID_DATE_RANGE');
  });

  it("another tenant's sale is not found", async () => {
    const other = await harness.createTenant();
    const product = await harness.createProduct(other);
    const sale = await harness.recordSale(other, {
      items: [{ productId: product.id, quantity: 1 }],
    });

    const read = await harness.request('GET', `/api/v1/product-sales/${sale.body.id}`, {
      token: tenant.adminToken,
    });
    const deletion = await harness.request('DELETE', `/api/v1/product-sales/${sale.body.id}`, {
      token: tenant.adminToken,
    });
    const foreignProduct = await harness.recordSale(tenant, {
      items: [{ productId: product.id, quantity: 1 }],
    });

    assert.equal(read.status, 404);
    assert.equal(read.body.code, 'SALE_NOT_FOUND');
    assert.equal(deletion.status, 404);
    assert.equal(deletion.body.code, 'SALE_NOT_FOUND');
    assert.equal(foreignProduct.status, 400);
    assert.equal(foreignProduct.body.code, 'PRODUCT_NOT_FOUND');
  });

  it("soldOn is checked against the tenant's today", async () => {
    const istanbul = await harness.createTenant({ timezone: 'Europe/Istanbul' });
    const newYork = await harness.createTenant({ timezone: 'America/New_York' });
    harness.clock.set('2026-06-15T22:30:00Z');
    const sellOn16th = async (own: TestTenant) => {
      const product = await harness.createProduct(own);
      return harness.recordSale(own, {
        soldOn: '2026-06-16',
        items: [{ productId: product.id, quantity: 1 }],
      });
    };

    const afterMidnight = await sellOn16th(istanbul);
    const beforeMidnight = await sellOn16th(newYork);

    assert.equal(afterMidnight.status, 201, afterMidnight.text);
    assert.equal(beforeMidnight.status, 400, beforeMidnight.text);
    assert.equal(beforeMidnight.body.code, 'SOLD_ON_IN_FUTURE');
  });
});
