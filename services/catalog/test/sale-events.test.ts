import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bindEventQueue } from '@gym/testing';
import { CATALOG_SCHEMA } from '../src/database/schema.js';
import { startCatalog, type CatalogHarness, type TestTenant } from './support/catalog-harness.js';

describe('sale events', () => {
  let harness: CatalogHarness;
  let tenant: TestTenant;

  before(async () => {
    harness = await startCatalog();
    harness.clock.set('2026-06-15T09:00:00Z');
    tenant = await harness.createTenant();
  });
  after(async () => {
    await harness?.close();
  });

  async function outboxData(type: string, saleId: string) {
    const rows: { payload: any }[] = await harness.dataSource.query(
      `SELECT payload FROM ${CATALOG_SCHEMA}.outbox_event
        WHERE type = $1 AND payload->'data'->>'saleId' = $2`,
      [type, saleId],
    );
    return rows.map((row) => row.payload);
  }

  it('recorded sale reaches a bound queue', async () => {
    const queue = await bindEventQueue(harness.env, 'catalog.sale.recorded');
    try {
      const memberId = await harness.createMember(tenant);
      const product = await harness.createProduct(tenant, { price: '19.99', stockQuantity: 9 });
      const sale = await harness.recordSale(tenant, {
        memberId,
        paymentMethod: 'CREDIT_CARD',
        items: [{ productId: product.id, quantity: 3 }],
      });
      assert.equal(sale.status, 201, sale.text);

      const rows = await outboxData('catalog.sale.recorded', sale.body.id);
      const expected = {
        saleId: sale.body.id,
        branchId: tenant.branchId,
        memberId,
        soldOn: '2026-06-10',
        paymentMethod: 'CREDIT_CARD',
        total: '59.97',
        items: [
          {
            productId: product.id,
            productName: product.name,
            quantity: 3,
            unitPrice: '19.99',
            lineTotal: '59.97',
          },
        ],
        recordedAt: new Date(sale.body.createdAt).toISOString(),
      };
      assert.equal(rows.length, 1);
      assert.deepEqual(rows[0].data, expected);
      assert.equal(rows[0].tenantId, tenant.tenantId);

      const delivered = await queue.collect(1);
      assert.equal(delivered.length, 1);
      assert.equal(delivered[0]!.type, 'catalog.sale.recorded');
      assert.deepEqual(delivered[0]!.data, expected);
    } finally {
      await queue.close();
    }
  });

  it('deletion publishes the full sale', async () => {
    const queue = await bindEventQueue(harness.env, 'catalog.sale.deleted');
    try {
      const product = await harness.createProduct(tenant, { price: '2.50' });
      const sale = await harness.recordSale(tenant, {
        items: [{ productId: product.id, quantity: 2 }],
      });
      const response = await harness.request('DELETE', `/api/v1/product-sales/${sale.body.id}`, {
        token: tenant.adminToken,
      });
      assert.equal(response.status, 204, response.text);

      const delivered = await queue.collect(1);
      assert.equal(delivered.length, 1);
      const data = delivered[0]!.data as any;
      assert.equal(data.saleId, sale.body.id);
      assert.equal(data.memberId, null);
      assert.equal(data.total, '5.00');
      assert.equal(data.items[0].lineTotal, '5.00');
      assert.equal(data.recordedAt, new Date(sale.body.createdAt).toISOString());
      assert.ok(Date.parse(data.deletedAt) >= Date.parse(data.recordedAt));
      assert.equal((await outboxData('catalog.sale.deleted', sale.body.id)).length, 1);
    } finally {
      await queue.close();
    }
  });
});
