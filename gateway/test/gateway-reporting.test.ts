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
  type HttpResult,
  type RequestOptions,
  IdentityFlows,
  type GymOwner,
  startIdentityProcess,
  type IdentityProcess,
  startMembershipProcess,
  type MembershipProcess,
  startReportingProcess,
  type ReportingProcess,
} from '@gym/stack';

const EVENTUAL_DEADLINE_MS = 20_000;

/** Today in Europe/Istanbul, the zone every new tenant starts in, as YYYY-MM-DD. */
function istanbulDate(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Istanbul' }).format(new Date());
}

describe('gateway in front of reporting', () => {
  let identity: IdentityProcess;
  let membership: MembershipProcess;
  let billing: BillingProcess;
  let catalog: CatalogProcess;
  let reporting: ReportingProcess;
  let gateway: GatewayProcess;
  let flows: IdentityFlows;
  let owner: GymOwner;
  const today = istanbulDate();
  const month = today.slice(0, 7);

  const call = (method: string, path: string, options?: RequestOptions) =>
    flows.call(method, path, options);

  /** Repeats a call until `accept` returns true, as events reach the other services later. */
  async function eventually(
    method: string,
    path: string,
    options: RequestOptions,
    accept: (response: HttpResult) => boolean,
  ): Promise<HttpResult> {
    const deadline = Date.now() + EVENTUAL_DEADLINE_MS;
    for (;;) {
      const response = await call(method, path, options);
      if (accept(response)) return response;
      if (Date.now() > deadline) assert.fail(`${method} ${path} still answers ${response.text}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  before(async () => {
    const exchange = uniqueName('gateway-reporting-events');
    identity = await startIdentityProcess({ exchange });
    membership = await startMembershipProcess({ identityUrl: identity.baseUrl, exchange });
    billing = await startBillingProcess({ identityUrl: identity.baseUrl, exchange });
    catalog = await startCatalogProcess({ identityUrl: identity.baseUrl, exchange });
    reporting = await startReportingProcess({ identityUrl: identity.baseUrl, exchange });
    gateway = await startGatewayProcess({
      identityUrl: identity.baseUrl,
      membershipUrl: membership.baseUrl,
      billingUrl: billing.baseUrl,
      catalogUrl: catalog.baseUrl,
      reportingUrl: reporting.baseUrl,
      env: { AMQP_EVENTS_EXCHANGE: exchange },
    });
    flows = new IdentityFlows(gateway.baseUrl, identity.smtp);

    owner = await flows.signUp('Reform Spor');
    const branch = await flows.defaultBranch(owner);
    const token = owner.accessToken;
    const plan = await eventually(
      'POST',
      '/api/v1/membership-plans',
      {
        token,
        json: {
          name: 'Aylık Paket',
          scope: 'BRANCH',
          branchId: branch.id,
          durationValue: 1,
          durationUnit: 'MONTH',
          price: '450.00',
        },
      },
      (response) => response.status === 201,
    );
    const member = await call('POST', '/api/v1/members', {
      token,
      json: {
        firstName: 'Deniz',
        lastName: 'Aksoy',
        phone: '0532 765 43 21',
        branchId: branch.id,
        planId: plan.body.id,
        membershipStartDate: today,
      },
    });
    assert.equal(member.status, 201, member.text);

    const payment = await eventually(
      'POST',
      '/api/v1/payments',
      {
        token,
        headers: { 'idempotency-key': randomUUID() },
        json: { memberId: member.body.id, amount: '450.00', method: 'CASH', paidOn: today },
      },
      (response) => response.status === 201,
    );
    const correction = await call('POST', `/api/v1/payments/${payment.body.id}/corrections`, {
      token,
      headers: { 'idempotency-key': randomUUID() },
      json: { amount: '400.00', method: 'CREDIT_CARD', paidOn: today, reason: 'İndirim' },
    });
    assert.equal(correction.status, 201, correction.text);
    await call('POST', `/api/v1/payments`, {
      token,
      headers: { 'idempotency-key': randomUUID() },
      json: { memberId: member.body.id, amount: '50.00', method: 'CASH', paidOn: today },
    });

    const product = await call('POST', '/api/v1/products', {
      token,
      json: { name: 'Protein Bar', price: '19.99', stockQuantity: 10 },
    });
    assert.equal(product.status, 201, product.text);
    const sell = (quantity: number) =>
      eventually(
        'POST',
        '/api/v1/product-sales',
        {
          token,
          headers: { 'idempotency-key': randomUUID() },
          json: {
            branchId: branch.id,
            items: [{ productId: product.body.id, quantity }],
            paymentMethod: 'CASH',
            soldOn: today,
          },
        },
        (response) => response.status === 201,
      );
    await sell(3);
    const deleted = await sell(2);
    const deletion = await call('DELETE', `/api/v1/product-sales/${deleted.body.id}`, { token });
    assert.equal(deletion.status, 204, deletion.text);
  });

  after(async () => {
    await gateway?.close();
    await reporting?.close();
    await catalog?.close();
    await billing?.close();
    await membership?.close();
    await identity?.close();
  });

  /** Every report of the owner's tenant, read through the gateway. */
  async function readReports() {
    const paths = [
      '/api/v1/dashboard/summary',
      '/api/v1/dashboard/monthly-members?months=3',
      `/api/v1/reports/revenue?month=${month}`,
      '/api/v1/reports/revenue-trend?months=3',
      `/api/v1/reports/products?from=${month}-01&to=${today}`,
    ];
    const reports: Record<string, unknown> = {};
    for (const path of paths) {
      const response = await call('GET', path, { token: owner.accessToken });
      assert.equal(response.status, 200, `${path}: ${response.text}`);
      reports[path] = response.body;
    }
    return reports;
  }

  it('reports corrected payments, a kept and a deleted sale, and the member', async () => {
    const revenue = await eventually(
      'GET',
      `/api/v1/reports/revenue?month=${month}`,
      { token: owner.accessToken },
      (response) => response.body?.total === '509.97',
    );
    assert.deepEqual(
      revenue.body.byMethod.filter((row: any) => row.count > 0),
      [
        { method: 'CASH', amount: '109.97', count: 2 },
        { method: 'CREDIT_CARD', amount: '400.00', count: 1 },
      ],
    );
    assert.deepEqual(revenue.body.bySource, [
      { source: 'MEMBERSHIP', amount: '450.00', count: 2 },
      { source: 'PRODUCT_SALES', amount: '59.97', count: 1 },
    ]);

    const summary = await eventually(
      'GET',
      '/api/v1/dashboard/summary',
      { token: owner.accessToken },
      (response) => response.body?.members?.active === 1,
    );
    assert.equal(summary.body.members.newThisMonth, 1);
    assert.equal(summary.body.revenue.thisMonth, '509.97');
  });

  it('rebuilding from the owners gives the same numbers as the live read models', async () => {
    const live = await readReports();

    const tenantOutput = await reporting.rebuild(owner.tenantId);
    assert.match(tenantOutput, /billing: done, 4 events applied/);
    assert.match(tenantOutput, /catalog: done, 4 events applied/);
    assert.deepEqual(await readReports(), live, 'after rebuilding the tenant');

    await reporting.query('UPDATE reporting.revenue_monthly SET amount = 0, entries = 0');
    await reporting.query('DELETE FROM reporting.member_status_counts');
    const fullOutput = await reporting.rebuild();
    assert.match(fullOutput, /Wiped the read models of every tenant/);
    assert.deepEqual(await readReports(), live, 'after wiping and rebuilding every tenant');
  });

  it('rejects unknown query fields with a localized 400', async () => {
    const response = await call('GET', '/api/v1/reports/revenue-trend?months=3&tenantId=x', {
      token: owner.accessToken,
      headers: { 'accept-language': 'en' },
    });
    assert.equal(response.status, 400, response.text);
    assert.equal(response.body.code, 'VALIDATION_FAILED');
    assert.match(response.body.message, /request is invalid/);
  });

  it('another tenant sees none of the data', async () => {
    const other = await flows.signUp('Başka Spor');
    const revenue = await call('GET', `/api/v1/reports/revenue?month=${month}`, {
      token: other.accessToken,
    });
    assert.equal(revenue.status, 200, revenue.text);
    assert.equal(revenue.body.total, '0.00');
    const summary = await call('GET', '/api/v1/dashboard/summary', { token: other.accessToken });
    assert.equal(summary.body.members.active, 0);
  });

  it('merged OpenAPI lists every service', async () => {
    const docs = await call('GET', '/api/docs-json');
    assert.equal(docs.status, 200, docs.text);
    assert.equal(docs.body['x-unavailable-services'], undefined);
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/members',
      '/api/v1/payments',
      '/api/v1/products',
      '/api/v1/product-sales',
      '/api/v1/dashboard/summary',
      '/api/v1/dashboard/monthly-members',
      '/api/v1/reports/revenue',
      '/api/v1/reports/revenue-trend',
      '/api/v1/reports/products',
    ]) {
      assert.ok(path in docs.body.paths, `${path} is documented`);
    }
  });
});
