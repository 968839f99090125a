import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { uniqueName } from '@gym/testing';
import {
  startBillingProcess,
  type BillingProcess,
  startCatalogProcess,
  type CatalogProcess,
  startGatewayProcess,
  type GatewayProcess,
  type RequestOptions,
  IdentityFlows,
  type GymOwner,
  startIdentityProcess,
  type IdentityProcess,
} from '@gym/stack';

const REPLICA_DEADLINE_MS = 15_000;

/** Today in Europe/Istanbul, the zone every new tenant starts in, as YYYY-MM-DD. */
function istanbulToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Istanbul' }).format(new Date());
}

/** Returns the month before `date` as YYYY-MM. */
function previousMonth(date: string): string {
  const first = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  first.setUTCMonth(first.getUTCMonth() - 1);
  return first.toISOString().slice(0, 7);
}

describe('gateway in front of catalog and billing', () => {
  let identity: IdentityProcess;
  let billing: BillingProcess;
  let catalog: CatalogProcess;
  let gateway: GatewayProcess;
  let flows: IdentityFlows;
  let owner: GymOwner;
  let branchId: string;
  let product: { id: string; name: string };

  const call = (method: string, path: string, options?: RequestOptions) =>
    flows.call(method, path, options);

  const sell = (soldOn: string, quantity: number) =>
    call('POST', '/api/v1/product-sales', {
      token: owner.accessToken,
      headers: { 'idempotency-key': randomUUID() },
      json: {
        branchId,
        paymentMethod: 'CASH',
        soldOn,
        items: [{ productId: product.id, quantity }],
      },
    });

  before(async () => {
    const exchange = uniqueName('gateway-catalog-events');
    identity = await startIdentityProcess({ exchange });
    billing = await startBillingProcess({ identityUrl: identity.baseUrl, exchange });
    catalog = await startCatalogProcess({ identityUrl: identity.baseUrl, exchange });
    gateway = await startGatewayProcess({
      identityUrl: identity.baseUrl,
      billingUrl: billing.baseUrl,
      catalogUrl: catalog.baseUrl,
      env: { AMQP_EVENTS_EXCHANGE: exchange },
    });
    flows = new IdentityFlows(gateway.baseUrl, identity.smtp);

    owner = await flows.signUp('Kuzey Spor');
    branchId = (await flows.defaultBranch(owner)).id;
    product = await createProductOnceReplicated();
  });

  after(async () => {
    await gateway?.close();
    await catalog?.close();
    await billing?.close();
    await identity?.close();
  });

  /**
   * Creates a product of the default branch, retrying while catalog returns BRANCH_NOT_FOUND,
   * because the branch replica arrives as an identity event after signup.
   */
  async function createProductOnceReplicated(): Promise<{ id: string; name: string }> {
    const deadline = Date.now() + REPLICA_DEADLINE_MS;
    for (;;) {
      const response = await call('POST', '/api/v1/products', {
        token: owner.accessToken,
        json: { name: 'Protein Bar', sku: 'PB-1', price: '19.99', stockQuantity: 3, branchId },
      });
      if (response.status === 201) return response.body;
      assert.equal(response.body?.code, 'BRANCH_NOT_FOUND', response.text);
      if (Date.now() > deadline) {
        assert.fail(`catalog had no branch replica after ${REPLICA_DEADLINE_MS} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('products are served through the gateway', async () => {
    const list = await call('GET', '/api/v1/products?search=protein', {
      token: owner.accessToken,
    });
    const read = await call('GET', `/api/v1/products/${product.id}`, {
      token: owner.accessToken,
    });

    assert.equal(list.status, 200, list.text);
    assert.deepEqual(
      list.body.data.map((item: { id: string }) => item.id),
      [product.id],
    );
    assert.equal(read.body.stockQuantity, 3);
  });

  it('sale takes stock and deletion gives it back', async () => {
    const today = istanbulToday();

    const sale = await sell(today, 3);
    const rejected = await sell(today, 1);
    assert.equal(sale.status, 201, sale.text);
    assert.equal(sale.body.total, '59.97');
    assert.equal(rejected.status, 409, rejected.text);
    assert.equal(rejected.body.code, 'INSUFFICIENT_STOCK');

    const deleted = await call('DELETE', `/api/v1/product-sales/${sale.body.id}`, {
      token: owner.accessToken,
    });
    const read = await call('GET', `/api/v1/products/${product.id}`, {
      token: owner.accessToken,
    });
    assert.equal(deleted.status, 204, deleted.text);
    assert.equal(read.body.stockQuantity, 3);
  });

  it("sale in billing's locked month gets 409 MONTH_LOCKED", async () => {
    const month = previousMonth(istanbulToday());
    const locked = await call('POST', '/api/v1/revenue-month-locks', {
      token: owner.accessToken,
      headers: { 'idempotency-key': randomUUID() },
      json: { month },
    });
    assert.equal(locked.status, 201, locked.text);

    const response = await sell(`${month}-15`, 1);

    assert.equal(response.status, 409, response.text);
    assert.equal(response.body.code, 'MONTH_LOCKED');
  });

  it('merged OpenAPI lists catalog routes', async () => {
    const response = await call('GET', '/api/docs-json');

    assert.equal(response.status, 200, response.text);
    const paths = Object.keys(response.body.paths);
    for (const path of [
      '/api/v1/products',
      '/api/v1/product-sales',
      '/api/v1/product-sales/{id}',
    ]) {
      assert.ok(paths.includes(path), `${path} is documented; got ${paths.join(', ')}`);
    }
  });
});
