import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startCatalog, type CatalogHarness, type TestTenant } from './support/catalog-harness.js';

interface BadInputCase {
  name: string;
  body: () => Record<string, unknown>;
  status: number;
  code: string;
  idempotencyKey?: null;
}

describe('sale input errors', () => {
  let harness: CatalogHarness;
  let tenant: TestTenant;
  let productId: string;
  let archivedProductId: string;
  let otherBranchProductId: string;
  let archivedBranchId: string;

  before(async () => {
    harness = await startCatalog();
    harness.clock.set('2026-06-15T09:00:00Z');
    tenant = await harness.createTenant();
    productId = (await harness.createProduct(tenant, { name: 'Su' })).id;
    archivedProductId = (await harness.createProduct(tenant, { name: 'Eski Ürün' })).id;
    await harness.request('POST', `/api/v1/products/${archivedProductId}/archive`, {
      token: tenant.adminToken,
    });
    const otherBranch = await harness.createBranch(tenant);
    otherBranchProductId = (
      await harness.createProduct(tenant, { name: 'Diğer Şube Ürünü', branchId: otherBranch })
    ).id;
    archivedBranchId = await harness.createBranch(tenant, new Date().toISOString());
  });
  after(async () => {
    await harness?.close();
  });

  const valid = (): Record<string, unknown> => ({
    branchId: tenant.branchId,
    paymentMethod: 'CASH',
    soldOn: '2026-06-10',
    items: [{ productId, quantity: 1 }],
  });
  const withItems = (items: unknown) => () => ({ ...valid(), items });

  const cases: BadInputCase[] = [
    {
      name: 'unknown field',
      body: () => ({ ...valid(), discount: '5' }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'unknown item field',
      body: withItems([{ productId: randomUUID(), quantity: 1, price: '1.00' }]),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'quantity 0',
      body: withItems([{ productId: randomUUID(), quantity: 0 }]),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'quantity above 10000',
      body: withItems([{ productId: randomUUID(), quantity: 10_001 }]),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'decimal quantity',
      body: withItems([{ productId: randomUUID(), quantity: 1.5 }]),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'quantity as a string',
      body: withItems([{ productId: randomUUID(), quantity: '2' }]),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    { name: 'empty items', body: withItems([]), status: 400, code: 'VALIDATION_FAILED' },
    {
      name: '101 items',
      body: withItems(
        Array.from({ length: 101 }, () => ({ productId: randomUUID(), quantity: 1 })),
      ),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'items not a list',
      body: withItems({ productId: randomUUID() }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'bad product id',
      body: withItems([{ productId: 'x', quantity: 1 }]),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'missing branch',
      body: () => ({ ...valid(), branchId: undefined }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'unknown payment method',
      body: () => ({ ...valid(), paymentMethod: 'CHEQUE' }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'impossible date',
      body: () => ({ ...valid(), soldOn: '2026-02-30' }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'date with time',
      body: () => ({ ...valid(), soldOn: '2026-06-10T10:00:00Z' }),
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'future soldOn',
      body: () => ({ ...valid(), soldOn: '2026-06-16' }),
      status: 400,
      code: 'SOLD_ON_IN_FUTURE',
    },
    {
      name: 'unknown product',
      body: withItems([{ productId: randomUUID(), quantity: 1 }]),
      status: 400,
      code: 'PRODUCT_NOT_FOUND',
    },
    {
      name: 'archived product',
      body: () => ({ ...valid(), items: [{ productId: archivedProductId, quantity: 1 }] }),
      status: 409,
      code: 'PRODUCT_ARCHIVED',
    },
    {
      name: "another branch's product",
      body: () => ({ ...valid(), items: [{ productId: otherBranchProductId, quantity: 1 }] }),
      status: 409,
      code: 'PRODUCT_NOT_IN_BRANCH',
    },
    {
      name: 'unknown branch',
      body: () => ({ ...valid(), branchId: randomUUID() }),
      status: 400,
      code: 'BRANCH_NOT_FOUND',
    },
    {
      name: 'archived branch',
      body: () => ({ ...valid(), branchId: archivedBranchId }),
      status: 409,
      code: 'BRANCH_IS_ARCHIVED',
    },
    {
      name: 'unknown member',
      body: () => ({ ...valid(), memberId: randomUUID() }),
      status: 400,
      code: 'MEMBER_NOT_FOUND',
    },
    {
      name: 'missing Idempotency-Key',
      body: valid,
      status: 400,
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      idempotencyKey: null,
    },
  ];

  for (const language of ['tr', 'en'] as const) {
    it(`each bad input gets its 4xx code in ${language}`, async () => {
      const messages = new Set<string>();
      for (const testCase of cases) {
        const response = await harness.request('POST', '/api/v1/product-sales', {
          token: tenant.staffToken,
          body: testCase.body(),
          headers: { 'accept-language': language },
          idempotencyKey: testCase.idempotencyKey,
        });
        assert.equal(response.status, testCase.status, `${testCase.name}: ${response.text}`);
        assert.equal(response.body.code, testCase.code, testCase.name);
        assert.equal(typeof response.body.message, 'string', testCase.name);
        messages.add(response.body.message);
      }
      const sample = [...messages].join(' ');
      if (language === 'tr') assert.match(sample, /ürün|Ürün|şube|Şube/);
      else assert.match(sample, /product|branch/);
    });
  }

  it('archived product message names it in Turkish and English', async () => {
    const body = { ...valid(), items: [{ productId: archivedProductId, quantity: 1 }] };
    const turkish = await harness.request('POST', '/api/v1/product-sales', {
      token: tenant.staffToken,
      body,
    });
    const english = await harness.request('POST', '/api/v1/product-sales', {
      token: tenant.staffToken,
      body,
      headers: { 'accept-language': 'en' },
    });

    assert.equal(
      turkish.body.message,
      '"Eski Ürün" ürünü arşivlenmiş; satılamaz veya değiştirilemez.',
    );
    assert.equal(
      english.body.message,
      'The product "Eski Ürün" is archived; it cannot be sold or changed.',
    );
  });

  it('no failed request wrote a sale', async () => {
    const list = await harness.request('GET', '/api/v1/product-sales', {
      token: tenant.adminToken,
    });

    assert.equal(list.body.meta.total, 0);
  });
});
