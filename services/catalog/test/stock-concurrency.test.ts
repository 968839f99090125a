import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCatalog, type CatalogHarness, type TestTenant } from './support/catalog-harness.js';

describe('stock under concurrent sales', () => {
  let harness: CatalogHarness;
  let tenant: TestTenant;

  before(async () => {
    harness = await startCatalog();
    tenant = await harness.createTenant();
  });
  after(async () => {
    await harness?.close();
  });

  it('20 sales of stock 5 succeed exactly 5 times', async () => {
    const product = await harness.createProduct(tenant, { price: '3.00', stockQuantity: 5 });

    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        harness.recordSale(tenant, { items: [{ productId: product.id, quantity: 1 }] }),
      ),
    );

    const created = responses.filter((response) => response.status === 201);
    const rejected = responses.filter((response) => response.status === 409);
    assert.equal(created.length, 5, responses.map((response) => response.status).join(','));
    assert.equal(rejected.length, 15);
    for (const response of rejected) {
      assert.equal(response.body.code, 'INSUFFICIENT_STOCK');
      assert.match(response.body.message, new RegExp(product.name));
    }
    assert.equal(await harness.stockOf(product.id), 0);
  });

  it('overlapping multi-item sales neither deadlock nor oversell', async () => {
    const first = await harness.createProduct(tenant, { stockQuantity: 6 });
    const second = await harness.createProduct(tenant, { stockQuantity: 6 });

    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        harness.recordSale(tenant, {
          items:
            index % 2 === 0
              ? [
                  { productId: first.id, quantity: 1 },
                  { productId: second.id, quantity: 1 },
                ]
              : [
                  { productId: second.id, quantity: 1 },
                  { productId: first.id, quantity: 1 },
                ],
        }),
      ),
    );

    const created = responses.filter((response) => response.status === 201).length;
    assert.equal(created, 6, responses.map((response) => response.status).join(','));
    assert.equal(await harness.stockOf(first.id), 0);
    assert.equal(await harness.stockOf(second.id), 0);
  });
});
