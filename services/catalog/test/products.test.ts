import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CATALOG_SCHEMA } from '../src/database/schema.js';
import { startCatalog, type CatalogHarness, type TestTenant } from './support/catalog-harness.js';

describe('products', () => {
  let harness: CatalogHarness;
  let tenant: TestTenant;

  before(async () => {
    harness = await startCatalog();
    tenant = await harness.createTenant();
  });
  after(async () => {
    await harness?.close();
  });

  it('create returns the product with stock and branch', async () => {
    const response = await harness.request('POST', '/api/v1/products', {
      token: tenant.adminToken,
      body: {
        name: '  Protein Bar  ',
        sku: 'PB-01',
        price: '19.99',
        stockQuantity: 12,
        branchId: tenant.branchId,
      },
    });

    assert.equal(response.status, 201, response.text);
    assert.equal(response.body.name, 'Protein Bar');
    assert.equal(response.body.sku, 'PB-01');
    assert.equal(response.body.price, '19.99');
    assert.equal(response.body.stockQuantity, 12);
    assert.equal(response.body.branchId, tenant.branchId);
    assert.equal(response.body.archived, false);
  });

  it('create without stock and branch leaves both null', async () => {
    const product = await harness.createProduct(tenant, { price: '5' });

    assert.equal(product.stockQuantity, null);
    assert.equal(product.branchId, null);
    assert.equal(product.sku, null);
    assert.equal(product.price, '5.00');
  });

  it('create writes catalog.product.created to the outbox', async () => {
    const product = await harness.createProduct(tenant, { sku: 'EVT-1', stockQuantity: 3 });
    const rows: { payload: any }[] = await harness.dataSource.query(
      `SELECT payload FROM ${CATALOG_SCHEMA}.outbox_event
        WHERE type = $1 AND payload->'data'->>'productId' = $2`,
      ['catalog.product.created', product.id],
    );

    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0]!.payload.data, {
      productId: product.id,
      name: product.name,
      sku: 'EVT-1',
      price: '10.00',
      stockQuantity: 3,
      branchId: null,
      archived: false,
    });
  });

  it('name unique under Turkish case folding', async () => {
    await harness.createProduct(tenant, { name: 'Kreatin İçecek' });

    const response = await harness.request('POST', '/api/v1/products', {
      token: tenant.adminToken,
      body: { name: 'KREATIN içecek', price: '1.00' },
      headers: { 'accept-language': 'en' },
    });

    assert.equal(response.status, 409, response.text);
    assert.equal(response.body.code, 'PRODUCT_NAME_TAKEN');
  });

  it('archived product frees its name', async () => {
    const product = await harness.createProduct(tenant, { name: 'Eski Havlu' });
    const archived = await harness.request('POST', `/api/v1/products/${product.id}/archive`, {
      token: tenant.adminToken,
    });
    const again = await harness.request('POST', '/api/v1/products', {
      token: tenant.adminToken,
      body: { name: 'eski havlu', price: '1.00' },
    });

    assert.equal(archived.status, 200, archived.text);
    assert.equal(archived.body.archived, true);
    assert.equal(again.status, 201, again.text);
  });

  it('SKU taken gets 409 PRODUCT_SKU_TAKEN', async () => {
    await harness.createProduct(tenant, { sku: 'DUP-SKU' });

    const response = await harness.request('POST', '/api/v1/products', {
      token: tenant.adminToken,
      body: { name: 'Başka', sku: 'DUP-SKU', price: '1.00' },
    });

    assert.equal(response.status, 409);
    assert.equal(response.body.code, 'PRODUCT_SKU_TAKEN');
    assert.match(response.body.message, /DUP-SKU/);
  });

  it('same SKU in another tenant is accepted', async () => {
    const other = await harness.createTenant();
    await harness.createProduct(tenant, { sku: 'SHARED-SKU' });

    const product = await harness.createProduct(other, { sku: 'SHARED-SKU' });

    assert.equal(product.sku, 'SHARED-SKU');
  });

  it('invalid prices get 400 INVALID_PRICE', async () => {
    for (const price of ['0', '0.00', '-1.00', '1.999', '1e3', 'abc', '100000000.00', ' 1.00']) {
      const response = await harness.request('POST', '/api/v1/products', {
        token: tenant.adminToken,
        body: { name: `Fiyat ${price}`, price },
      });
      assert.equal(response.status, 400, `price ${price}: ${response.text}`);
      assert.equal(response.body.code, 'INVALID_PRICE', `price ${price}`);
    }
  });

  it('price as a number is rejected', async () => {
    const response = await harness.request('POST', '/api/v1/products', {
      token: tenant.adminToken,
      body: { name: 'Sayı Fiyat', price: 19.99 },
    });

    assert.equal(response.status, 400);
    assert.equal(response.body.code, 'VALIDATION_FAILED');
  });

  it('invalid fields get 400 VALIDATION_FAILED', async () => {
    const cases: Record<string, unknown>[] = [
      { name: '', price: '1.00' },
      { name: 'x'.repeat(121), price: '1.00' },
      { name: 'Negatif', price: '1.00', stockQuantity: -1 },
      { name: 'Kesirli', price: '1.00', stockQuantity: 1.5 },
      { name: 'Şube', price: '1.00', branchId: 'not-a-uuid' },
      { name: 'Fazla', price: '1.00', color: 'red' },
      { price: '1.00' },
    ];
    for (const body of cases) {
      const response = await harness.request('POST', '/api/v1/products', {
        token: tenant.adminToken,
        body,
      });
      assert.equal(response.status, 400, `${JSON.stringify(body)}: ${response.text}`);
      assert.equal(response.body.code, 'VALIDATION_FAILED', JSON.stringify(body));
    }
  });

  it('unknown branch gets 400 BRANCH_NOT_FOUND', async () => {
    const other = await harness.createTenant();

    for (const branchId of [randomUUID(), other.branchId]) {
      const response = await harness.request('POST', '/api/v1/products', {
        token: tenant.adminToken,
        body: { name: `Şubesiz ${branchId}`, price: '1.00', branchId },
      });
      assert.equal(response.status, 400, response.text);
      assert.equal(response.body.code, 'BRANCH_NOT_FOUND');
    }
  });

  it('archived branch gets 409 BRANCH_IS_ARCHIVED', async () => {
    const branchId = await harness.createBranch(tenant, new Date().toISOString());

    const response = await harness.request('POST', '/api/v1/products', {
      token: tenant.adminToken,
      body: { name: 'Arşiv Şubesi Ürünü', price: '1.00', branchId },
    });

    assert.equal(response.status, 409);
    assert.equal(response.body.code, 'BRANCH_IS_ARCHIVED');
  });

  it('patch changes fields and clears stock tracking', async () => {
    const product = await harness.createProduct(tenant, { stockQuantity: 4, sku: 'PATCH-1' });

    const response = await harness.request('PATCH', `/api/v1/products/${product.id}`, {
      token: tenant.adminToken,
      body: { price: '7.50', stockQuantity: null, sku: null, branchId: tenant.branchId },
    });

    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.price, '7.50');
    assert.equal(response.body.stockQuantity, null);
    assert.equal(response.body.sku, null);
    assert.equal(response.body.branchId, tenant.branchId);
    assert.equal(response.body.name, product.name);
  });

  it('patch with a null name is rejected', async () => {
    const product = await harness.createProduct(tenant);

    const response = await harness.request('PATCH', `/api/v1/products/${product.id}`, {
      token: tenant.adminToken,
      body: { name: null },
    });

    assert.equal(response.status, 400);
    assert.equal(response.body.code, 'VALIDATION_FAILED');
  });

  it('patch of an archived product gets 409 PRODUCT_ARCHIVED', async () => {
    const product = await harness.createProduct(tenant);
    await harness.request('POST', `/api/v1/products/${product.id}/archive`, {
      token: tenant.adminToken,
    });

    const patch = await harness.request('PATCH', `/api/v1/products/${product.id}`, {
      token: tenant.adminToken,
      body: { price: '2.00' },
    });
    const archiveAgain = await harness.request('POST', `/api/v1/products/${product.id}/archive`, {
      token: tenant.adminToken,
    });

    assert.equal(patch.status, 409);
    assert.equal(patch.body.code, 'PRODUCT_ARCHIVED');
    assert.equal(archiveAgain.status, 409);
    assert.equal(archiveAgain.body.code, 'PRODUCT_ARCHIVED');
  });

  it('STAFF gets 403 on create, update and archive', async () => {
    const product = await harness.createProduct(tenant);
    const attempts = [
      harness.request('POST', '/api/v1/products', {
        token: tenant.staffToken,
        body: { name: 'Personel', price: '1.00' },
      }),
      harness.request('PATCH', `/api/v1/products/${product.id}`, {
        token: tenant.staffToken,
        body: { price: '2.00' },
      }),
      harness.request('POST', `/api/v1/products/${product.id}/archive`, {
        token: tenant.staffToken,
      }),
    ];

    for (const response of await Promise.all(attempts)) {
      assert.equal(response.status, 403, response.text);
      assert.equal(response.body.code, 'FORBIDDEN_ROLE');
    }
    const unchanged = await harness.request('GET', `/api/v1/products/${product.id}`, {
      token: tenant.staffToken,
    });
    assert.equal(unchanged.body.price, '10.00');
    assert.equal(unchanged.body.archived, false);
  });

  it("another tenant's product is not found", async () => {
    const other = await harness.createTenant();
    const product = await harness.createProduct(other);
    const attempts = [
      harness.request('GET', `/api/v1/products/${product.id}`, { token: tenant.adminToken }),
      harness.request('PATCH', `/api/v1/products/${product.id}`, {
        token: tenant.adminToken,
        body: { price: '2.00' },
      }),
      harness.request('POST', `/api/v1/products/${product.id}/archive`, {
        token: tenant.adminToken,
      }),
      harness.request('GET', '/api/v1/products/not-a-uuid', { token: tenant.adminToken }),
    ];

    for (const response of await Promise.all(attempts)) {
      assert.equal(response.status, 404, response.text);
      assert.equal(response.body.code, 'NOT_FOUND');
    }
  });

  it('list searches name and SKU with Turkish folding', async () => {
    const own = await harness.createTenant();
    await harness.createProduct(own, { name: 'IŞIK Çubuğu', sku: 'LGT-9' });
    await harness.createProduct(own, { name: 'Şeker', sku: 'SGR-1' });

    const byName = await harness.request('GET', '/api/v1/products?search=isik', {
      token: own.staffToken,
    });
    const bySku = await harness.request('GET', '/api/v1/products?search=lgt', {
      token: own.staffToken,
    });
    const percent = await harness.request('GET', '/api/v1/products?search=%25', {
      token: own.staffToken,
    });

    assert.equal(byName.status, 200, byName.text);
    assert.deepEqual(
      byName.body.data.map((product: any) => product.name),
      ['IŞIK Çubuğu'],
    );
    assert.deepEqual(
      bySku.body.data.map((product: any) => product.sku),
      ['LGT-9'],
    );
    assert.equal(percent.body.meta.total, 0, 'a % in the search matches itself only');
  });

  it('list by branch includes tenant-wide products and hides archived', async () => {
    const own = await harness.createTenant();
    const otherBranch = await harness.createBranch(own);
    const wide = await harness.createProduct(own, { name: 'A Her Şube' });
    const local = await harness.createProduct(own, { name: 'B Yerel', branchId: own.branchId });
    await harness.createProduct(own, { name: 'C Diğer', branchId: otherBranch });
    const archived = await harness.createProduct(own, { name: 'D Arşiv' });
    await harness.request('POST', `/api/v1/products/${archived.id}/archive`, {
      token: own.adminToken,
    });

    const page = await harness.request('GET', `/api/v1/products?branchId=${own.branchId}`, {
      token: own.staffToken,
    });
    const all = await harness.request('GET', '/api/v1/products?includeArchived=true&limit=2', {
      token: own.staffToken,
    });

    assert.deepEqual(
      page.body.data.map((product: any) => product.id),
      [wide.id, local.id],
    );
    assert.equal(all.body.meta.total, 4);
    assert.equal(all.body.data.length, 2);
    assert.equal(all.body.meta.limit, 2);
  });

  it('list rejects bad query values', async () => {
    for (const query of ['limit=0', 'limit=101', 'page=0', 'includeArchived=yes', 'branchId=x']) {
      const response = await harness.request('GET', `/api/v1/products?${query}`, {
        token: tenant.staffToken,
      });
      assert.equal(response.status, 400, `${query}: ${response.text}`);
      assert.equal(response.body.code, 'VALIDATION_FAILED', query);
    }
  });
});
