import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request, type HttpResult, type RequestOptions } from '@gym/stack';
import { IdentityFlows, newEmail, type GymOwner } from '@gym/stack';

/** How long a service may take to receive a replica (tenant, branch, member) as an event. */
const REPLICA_DEADLINE_MS = 20_000;

/** A 1×1 transparent PNG. */
export const pngBytes = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** Today in Europe/Istanbul, the zone every new tenant starts in, as YYYY-MM-DD. */
export function istanbulDate(addDays = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Istanbul' }).format(
    new Date(),
  );
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + addDays);
  return date.toISOString().slice(0, 10);
}

export function fileForm(bytes: Buffer, fileName: string, contentType: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), fileName);
  return form;
}

const PLAN_NAME = 'Aylık Paket';

let phoneCounter = 0;
let lockedMonthCounter = 0;

/** A Turkish mobile number that no other fixture of this process uses. */
function uniquePhone(): string {
  phoneCounter += 1;
  return `0532${String((process.pid * 1000 + phoneCounter) % 10_000_000).padStart(7, '0')}`;
}

/** A tenant with an ADMIN, a STAFF user and one resource of every kind, made through the gateway. */
export interface TenantFixture {
  owner: GymOwner;
  staffToken: string;
  /**
   * Ids by the path template up to the parameter they fill, such as `/api/v1/members/{id}`: the
   * value to put in that parameter for a resource of this tenant.
   */
  ids: Map<string, string>;
  /** Ids by the body field that references a resource of that kind (`branchId`, `planId`...). */
  references: Record<string, string>;
  /** Path keys of the document that no factory creates a resource for. */
  missingFactories: string[];
}

type FixtureFactory = (tenant: TenantSetup) => Promise<string>;

/**
 * How to create a resource for each path parameter the API has, keyed by the path up to that
 * parameter. Catalog's entries follow the public API contract and are used once its routes are
 * in the document.
 */
const fixtureFactories: Record<string, FixtureFactory> = {
  '/api/v1/branches/{id}': async (tenant) => tenant.references.branchId!,
  '/api/v1/users/{id}': async (tenant) => {
    const invited = await tenant.call('POST', '/api/v1/users', {
      json: { email: newEmail('matrix-user'), fullName: 'Zeynep Demir', role: 'STAFF' },
    });
    return created(invited, 'user');
  },
  '/api/v1/membership-plans/{id}': async (tenant) => tenant.references.planId!,
  '/api/v1/members/{id}': async (tenant) => tenant.references.memberId!,
  '/api/v1/members/import/{jobId}': async (tenant) => {
    const csv = [
      'firstName,lastName,phone,branch,plan,membershipStartDate',
      `Ali,Veli,${uniquePhone()},${tenant.branchName},${PLAN_NAME},${istanbulDate()}`,
    ].join('\n');
    const started = await tenant.call('POST', '/api/v1/members/import', {
      body: fileForm(Buffer.from(csv), 'members.csv', 'text/csv'),
    });
    return created(started, 'member import');
  },
  '/api/v1/payments/{id}': async (tenant) => {
    const recorded = await tenant.untilReplicated('POST', '/api/v1/payments', {
      headers: { 'idempotency-key': randomUUID() },
      json: {
        memberId: tenant.references.memberId,
        amount: '450.00',
        method: 'CASH',
        paidOn: istanbulDate(),
      },
    });
    return created(recorded, 'payment');
  },
  '/api/v1/revenue-month-locks/{month}': async (tenant) => {
    // Each tenant locks a month of its own, so another tenant has no lock of that month.
    lockedMonthCounter += 1;
    const month = `2020-${String(lockedMonthCounter).padStart(2, '0')}`;
    const locked = await tenant.call('POST', '/api/v1/revenue-month-locks', {
      headers: { 'idempotency-key': randomUUID() },
      json: { month },
    });
    assert.ok(locked.status < 300, `month lock responded ${locked.status}: ${locked.text}`);
    return month;
  },
  '/api/v1/products/{id}': async (tenant) => tenant.references.productId!,
  '/api/v1/product-sales/{id}': async (tenant) => {
    const sold = await tenant.untilReplicated('POST', '/api/v1/product-sales', {
      headers: { 'idempotency-key': randomUUID() },
      json: {
        branchId: tenant.references.branchId,
        items: [{ productId: tenant.references.productId, quantity: 1 }],
        paymentMethod: 'CASH',
        soldOn: istanbulDate(),
      },
    });
    return created(sold, 'product sale');
  },
};

function created(response: HttpResult, what: string): string {
  assert.ok(
    response.status === 201 || response.status === 202 || response.status === 200,
    `creating a ${what} responded ${response.status}: ${response.text}`,
  );
  const id = response.body?.id ?? response.body?.jobId;
  assert.equal(typeof id, 'string', `creating a ${what} returned no id: ${response.text}`);
  return id as string;
}

/** An ADMIN's calls through the gateway while the fixture of a tenant is built. */
class TenantSetup {
  readonly references: Record<string, string> = {};
  branchName = '';

  constructor(
    private readonly baseUrl: string,
    readonly owner: GymOwner,
  ) {}

  call(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult> {
    return request(this.baseUrl, method, path, { token: this.owner.accessToken, ...options });
  }

  /**
   * Repeats the call while it fails with a `*_NOT_FOUND` code (404, or 400 for a referenced
   * resource) because a replica has not arrived yet.
   */
  async untilReplicated(method: string, path: string, options: RequestOptions = {}) {
    const deadline = Date.now() + REPLICA_DEADLINE_MS;
    for (;;) {
      const response = await this.call(method, path, options);
      const notReplicated = String(response.body?.code ?? '').endsWith('_NOT_FOUND');
      if (!notReplicated || Date.now() > deadline) return response;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/**
 * Signs up a tenant, adds a STAFF user, a branch, a plan and a member (and a product when the
 * document has products), then one resource for each path parameter of `pathKeys` that has a
 * factory. Keys without one are listed in `missingFactories`, which the tenant matrix requires to
 * be empty, so a new route with an id cannot go untested.
 */
export async function createTenantFixture(
  baseUrl: string,
  flows: IdentityFlows,
  gymName: string,
  pathKeys: string[],
): Promise<TenantFixture> {
  const missingFactories = pathKeys.filter((key) => !(key in fixtureFactories));
  const owner = await flows.signUp(gymName);
  const staffToken = await flows.addStaff(owner);
  const tenant = new TenantSetup(baseUrl, owner);

  tenant.branchName = `Şube ${randomUUID().slice(0, 8)}`;
  const branch = await tenant.call('POST', '/api/v1/branches', {
    json: { name: tenant.branchName },
  });
  tenant.references.branchId = created(branch, 'branch');

  const plan = await tenant.untilReplicated('POST', '/api/v1/membership-plans', {
    json: {
      name: PLAN_NAME,
      scope: 'BRANCH',
      branchId: tenant.references.branchId,
      durationValue: 1,
      durationUnit: 'MONTH',
      price: '450.00',
    },
  });
  tenant.references.planId = created(plan, 'membership plan');

  const member = await tenant.call('POST', '/api/v1/members', {
    json: {
      firstName: 'İsmail',
      lastName: 'Işık',
      phone: uniquePhone(),
      branchId: tenant.references.branchId,
      planId: tenant.references.planId,
      membershipStartDate: istanbulDate(),
    },
  });
  tenant.references.memberId = created(member, 'member');

  if (pathKeys.some((key) => key.startsWith('/api/v1/product'))) {
    const product = await tenant.untilReplicated('POST', '/api/v1/products', {
      json: { name: `Su ${randomUUID().slice(0, 8)}`, price: '25.00', stockQuantity: 100 },
    });
    tenant.references.productId = created(product, 'product');
  }

  const ids = new Map<string, string>();
  for (const key of pathKeys) {
    const factory = fixtureFactories[key];
    if (factory) ids.set(key, await factory(tenant));
  }
  return { owner, staffToken, ids, references: tenant.references, missingFactories };
}

/**
 * Keys of `fixtureFactories` that a path template needs: the template cut after each parameter.
 * `/api/v1/members/{id}/freeze` needs `/api/v1/members/{id}`.
 */
export function fixtureKeys(path: string): string[] {
  return [...path.matchAll(/\{[^}]+\}/g)].map((match) =>
    path.slice(0, match.index + match[0].length),
  );
}

/**
 * The parameter values of `path` filled from a tenant's fixture ids; a parameter without a fixture
 * gets a random UUID.
 */
export function fixtureParameters(path: string, fixture: TenantFixture): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of fixtureKeys(path)) {
    const name = /\{([^}]+)\}$/.exec(key)![1]!;
    values[name] = fixture.ids.get(key) ?? randomUUID();
  }
  return values;
}
