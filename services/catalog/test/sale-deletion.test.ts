import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CATALOG_SCHEMA } from '../src/database/schema.js';
import { startCatalog, type CatalogHarness, type TestTenant } from './support/catalog-harness.js';

describe('sale deletion', () => {
  let harness: CatalogHarness;
  let tenant: TestTenant;

  before(async () => {
    harness = await startCatalog();
    tenant = await harness.createTenant();
  });
  after(async () => {
    await harness?.close();
  });

  async function saleOf(stock: number, quantity: number) {
    const product = await harness.createProduct(tenant, { stockQuantity: stock });
    const sale = await harness.recordSale(tenant, {
      items: [{ productId: product.id, quantity }],
    });
    assert.equal(sale.status, 201, sale.text);
    return { product, sale: sale.body };
  }

  const remove = (saleId: string, token = tenant.adminToken) =>
    harness.request('DELETE', `/api/v1/product-sales/${saleId}`, { token });

  it('restores stock once when repeated', async () => {
    const { product, sale } = await saleOf(10, 4);
    assert.equal(await harness.stockOf(product.id), 6);

    const first = await remove(sale.id);
    const second = await remove(sale.id);

    assert.equal(first.status, 204, first.text);
    assert.equal(second.status, 404);
    assert.equal(second.body.code, 'SALE_NOT_FOUND');
    assert.equal(await harness.stockOf(product.id), 10);
  });

  it('restores stock once when two deletions race', async () => {
    const { product, sale } = await saleOf(10, 3);

    const responses = await Promise.all([remove(sale.id), remove(sale.id), remove(sale.id)]);

    const statuses = responses.map((response) => response.status).sort();
    assert.deepEqual(statuses, [204, 404, 404]);
    assert.equal(await harness.stockOf(product.id), 10);
  });

  it('deleted sale is neither listed nor readable', async () => {
    const { sale } = await saleOf(5, 1);

    await remove(sale.id);
    const read = await harness.request('GET', `/api/v1/product-sales/${sale.id}`, {
      token: tenant.adminToken,
    });
    const list = await harness.request('GET', '/api/v1/product-sales?limit=100', {
      token: tenant.adminToken,
    });
    const rows: { deleted_by: string }[] = await harness.dataSource.query(
      `SELECT deleted_by FROM ${CATALOG_SCHEMA}.sales WHERE id = $1`,
      [sale.id],
    );

    assert.equal(read.status, 404);
    assert.equal(read.body.code, 'SALE_NOT_FOUND');
    assert.ok(list.body.data.every((listed: any) => listed.id !== sale.id));
    assert.equal(rows[0]?.deleted_by, tenant.adminUserId, 'the row is kept');
  });

  it('untracked product stays untracked after deletion', async () => {
    const product = await harness.createProduct(tenant);
    const sale = await harness.recordSale(tenant, {
      items: [{ productId: product.id, quantity: 2 }],
    });

    const response = await remove(sale.body.id);

    assert.equal(response.status, 204);
    assert.equal(await harness.stockOf(product.id), null);
  });

  it('STAFF gets 403 and the sale stays', async () => {
    const { product, sale } = await saleOf(5, 2);

    const response = await remove(sale.id, tenant.staffToken);

    assert.equal(response.status, 403);
    assert.equal(response.body.code, 'FORBIDDEN_ROLE');
    assert.equal(await harness.stockOf(product.id), 3);
    const read = await harness.request('GET', `/api/v1/product-sales/${sale.id}`, {
      token: tenant.staffToken,
    });
    assert.equal(read.status, 200);
  });

  it('malformed sale id is not found', async () => {
    const response = await remove('not-a-uuid');

    assert.equal(response.status, 404);
  });
});
