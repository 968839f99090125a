import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '@gym/testing';
import { startCatalog, type CatalogHarness, type TestTenant } from './support/catalog-harness.js';

const DEADLINE_MS = 400;

describe('month lock check', () => {
  let harness: CatalogHarness;
  let tenant: TestTenant;
  let productId: string;

  before(async () => {
    harness = await startCatalog({
      MONTH_LOCK_RPC_TIMEOUT_MS: String(DEADLINE_MS),
      RPC_BREAKER_RESET_MS: '1000',
    });
    harness.clock.set('2026-06-15T09:00:00Z');
    tenant = await harness.createTenant();
    productId = (await harness.createProduct(tenant, { stockQuantity: 100 })).id;
  });
  after(async () => {
    await harness?.close();
  });

  const sell = (soldOn: string, language = 'tr') =>
    harness.request('POST', '/api/v1/product-sales', {
      token: tenant.staffToken,
      headers: { 'accept-language': language },
      body: {
        branchId: tenant.branchId,
        paymentMethod: 'CASH',
        soldOn,
        items: [{ productId, quantity: 1 }],
      },
    });

  const breakerMetrics = async () => (await harness.request('GET', '/metrics')).text;

  it('sale in a locked month gets 409 MONTH_LOCKED', async () => {
    harness.monthLocks.lock(tenant.tenantId, '2026-04');

    const turkish = await sell('2026-04-30');
    const english = await sell('2026-04-01', 'en');
    const open = await sell('2026-05-01');

    assert.equal(turkish.status, 409, turkish.text);
    assert.equal(turkish.body.code, 'MONTH_LOCKED');
    assert.match(turkish.body.message, /2026-04 ayı/);
    assert.equal(english.body.code, 'MONTH_LOCKED');
    assert.match(english.body.message, /The month 2026-04 is locked/);
    assert.equal(open.status, 201, open.text);
    assert.equal(await harness.stockOf(productId), 99);
  });

  it('deleting a sale in a locked month gets 409 and keeps it', async () => {
    const sale = await sell('2026-03-10');
    harness.monthLocks.lock(tenant.tenantId, '2026-03');

    const response = await harness.request('DELETE', `/api/v1/product-sales/${sale.body.id}`, {
      token: tenant.adminToken,
    });

    assert.equal(response.status, 409);
    assert.equal(response.body.code, 'MONTH_LOCKED');
    const read = await harness.request('GET', `/api/v1/product-sales/${sale.body.id}`, {
      token: tenant.adminToken,
    });
    assert.equal(read.status, 200);
  });

  it('stopped billing gets 503 with Retry-After, then recovers', async () => {
    const stockBefore = await harness.stockOf(productId);
    await harness.monthLocks.stop();

    const started = Date.now();
    const unavailable = await sell('2026-06-01');
    const elapsed = Date.now() - started;

    assert.equal(unavailable.status, 503, unavailable.text);
    assert.equal(unavailable.body.code, 'MONTH_LOCK_CHECK_UNAVAILABLE');
    assert.ok(Number(unavailable.headers.get('retry-after')) >= 1, 'Retry-After is set');
    assert.ok(elapsed >= DEADLINE_MS, `answered after the ${DEADLINE_MS} ms deadline`);
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const again = await sell('2026-06-01', 'en');
      assert.equal(again.status, 503, again.text);
      assert.ok(again.headers.get('retry-after'));
    }
    assert.equal(await harness.stockOf(productId), stockBefore, 'no stock was taken');
    assert.match(await breakerMetrics(), /circuit_breaker_state\{target="billing"\} 2/);

    await harness.monthLocks.start();
    const recovered = await waitFor(
      'a sale after billing answers again',
      async () => {
        const response = await sell('2026-06-01');
        return response.status === 201 ? response : undefined;
      },
      15_000,
    );

    assert.equal(recovered.status, 201);
    assert.match(await breakerMetrics(), /circuit_breaker_state\{target="billing"\} 0/);
    assert.equal(await harness.stockOf(productId), stockBefore! - 1);
  });
});
