import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startBilling, type BillingHarness, type TestTenant } from './support/billing-harness.js';

/** JSON text of an object nested `depth` levels deep, which JSON.stringify cannot write. */
function nestedJson(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

describe('request bodies that attack the idempotency fingerprint', () => {
  let harness: BillingHarness;
  let tenant: TestTenant;

  before(async () => {
    harness = await startBilling();
    tenant = await harness.createTenant();
  });
  after(async () => {
    await harness?.close();
  });

  for (const path of ['/api/v1/payments', '/api/v1/revenue-month-locks']) {
    it(`body nested 5000 levels on ${path} gets 400`, async () => {
      const response = await harness.request('POST', path, {
        token: tenant.adminToken,
        rawBody: nestedJson(5000),
      });

      assert.equal(response.status, 400, response.text);
      assert.equal(response.body.code, 'VALIDATION_FAILED');
      assert.equal(response.body.errors[0].code, 'maxDepth');
    });
  }

  it('correction body nested 5000 levels gets 400', async () => {
    const payment = await harness.recordPayment(tenant);

    const response = await harness.request('POST', `/api/v1/payments/${payment.id}/corrections`, {
      token: tenant.staffToken,
      rawBody: nestedJson(5000),
    });

    assert.equal(response.status, 400, response.text);
    assert.equal(response.body.code, 'VALIDATION_FAILED');
  });
});
