import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createPlanOnceReplicated,
  IdentityFlows,
  startServiceStack,
  type GymOwner,
  type RequestOptions,
  type ServiceStack,
} from '@gym/stack';

/** A 1×1 transparent PNG. */
const pngBytes = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

const REPLICA_DEADLINE_MS = 15_000;

/** Today in Europe/Istanbul, the zone every new tenant starts in, as YYYY-MM-DD. */
function istanbulDate(addDays = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Istanbul' }).format(
    new Date(),
  );
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + addDays);
  return date.toISOString().slice(0, 10);
}

function fileForm(bytes: Buffer, fileName: string, contentType: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), fileName);
  return form;
}

describe('gateway in front of identity, membership, billing', () => {
  let stack: ServiceStack;
  let flows: IdentityFlows;
  let owner: GymOwner;
  let branch: { id: string; name: string };
  let plan: { id: string; name: string };
  let memberId: string;

  const call = (method: string, path: string, options?: RequestOptions) =>
    flows.call(method, path, options);

  before(async () => {
    stack = await startServiceStack();
    flows = new IdentityFlows(stack.gateway.baseUrl, stack.identity.smtp);

    owner = await flows.signUp('Çınar Spor');
    branch = await flows.defaultBranch(owner);
    plan = await createPlanOnceReplicated(flows, owner, branch.id);
  });

  after(async () => {
    await stack?.close();
  });

  it('member create, read, search, edit', async () => {
    const created = await call('POST', '/api/v1/members', {
      token: owner.accessToken,
      json: {
        firstName: 'İsmail',
        lastName: 'Işık',
        phone: '0532 123 45 67',
        branchId: branch.id,
        planId: plan.id,
        membershipStartDate: istanbulDate(),
      },
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.phone, '+905321234567');
    memberId = created.body.id;

    const read = await call('GET', `/api/v1/members/${memberId}`, { token: owner.accessToken });
    assert.equal(read.status, 200, read.text);
    assert.equal(read.body.status, 'ACTIVE');

    for (const term of ['ismail', 'İSMAİL', 'ISMAIL', 'isik']) {
      const found = await call('GET', `/api/v1/members?search=${encodeURIComponent(term)}`, {
        token: owner.accessToken,
      });
      assert.equal(found.status, 200, found.text);
      assert.deepEqual(
        found.body.data.map((member: { id: string }) => member.id),
        [memberId],
        `search for ${term}`,
      );
    }

    const edited = await call('PATCH', `/api/v1/members/${memberId}`, {
      token: owner.accessToken,
      json: { notes: 'Sabah grubu' },
    });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.body.notes, 'Sabah grubu');
  });

  it('freeze moves the end date', async () => {
    const current = await call('GET', `/api/v1/members/${memberId}`, { token: owner.accessToken });
    const frozen = await call('POST', `/api/v1/members/${memberId}/freeze`, {
      token: owner.accessToken,
      json: { startDate: istanbulDate(), endDate: istanbulDate(6), reason: 'Sakatlık' },
    });
    assert.equal(frozen.status, 200, frozen.text);
    assert.equal(frozen.body.status, 'FROZEN');
    const moved = new Date(`${current.body.membershipEndDate}T00:00:00Z`);
    moved.setUTCDate(moved.getUTCDate() + 7);
    assert.equal(frozen.body.membershipEndDate, moved.toISOString().slice(0, 10));
  });

  it('photo upload streams through', async () => {
    const uploaded = await call('PUT', `/api/v1/members/${memberId}/photo`, {
      token: owner.accessToken,
      body: fileForm(pngBytes, 'photo.png', 'image/png'),
    });
    assert.equal(uploaded.status, 204, uploaded.text);

    const photo = await fetch(`${stack.gateway.baseUrl}/api/v1/members/${memberId}/photo`, {
      headers: { authorization: `Bearer ${owner.accessToken}` },
    });
    assert.equal(photo.status, 200);
    assert.equal(photo.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await photo.arrayBuffer()), pngBytes);
  });

  it('STAFF gets 403 on plan creation', async () => {
    const staffToken = await flows.addStaff(owner);
    const refused = await call('POST', '/api/v1/membership-plans', {
      token: staffToken,
      json: {
        name: 'Personel',
        scope: 'TENANT',
        durationValue: 1,
        durationUnit: 'MONTH',
        price: '1.00',
      },
    });
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.body.code, 'FORBIDDEN_ROLE');

    const list = await call('GET', '/api/v1/members', { token: staffToken });
    assert.equal(list.status, 200, 'STAFF may still read members');
  });

  it("another tenant's admin gets 404", async () => {
    const stranger = await flows.signUp('Moda Fitness');
    const response = await call('GET', `/api/v1/members/${memberId}`, {
      token: stranger.accessToken,
    });
    assert.equal(response.status, 404, response.text);
  });

  it('CSV import through the gateway', async () => {
    const csv = [
      'Ad;Soyad;Telefon;Şube;Paket;Başlangıç Tarihi',
      `Gül;Yıldız;0532 100 00 04;${branch.name};${plan.name};${istanbulDate()}`,
      `Ömer;Güneş;0532 100 00 05;${branch.name};${plan.name};${istanbulDate()}`,
      `Hatalı;Telefon;0532 12;${branch.name};${plan.name};${istanbulDate()}`,
    ].join('\r\n');

    const started = await call('POST', '/api/v1/members/import', {
      token: owner.accessToken,
      body: fileForm(Buffer.from(csv, 'utf8'), 'uyeler.csv', 'text/csv'),
    });
    assert.equal(started.status, 202, started.text);

    const job = await waitForImport(started.body.id);
    assert.equal(job.totalRows, 3);
    assert.equal(job.createdCount, 2, JSON.stringify(job.rejectedRows));
    assert.deepEqual(
      job.rejectedRows.map((row: { row: number; code: string }) => [row.row, row.code]),
      [[4, 'INVALID_PHONE']],
    );
  });

  async function waitForImport(jobId: string) {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const job = await call('GET', `/api/v1/members/import/${jobId}`, {
        token: owner.accessToken,
      });
      assert.equal(job.status, 200, job.text);
      if (job.body.status === 'COMPLETED') return job.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(`import ${jobId} did not complete within 10 s`);
  }

  it('CSV export streams through', async () => {
    const response = await call('GET', '/api/v1/members/export?format=csv', {
      token: owner.accessToken,
    });
    assert.equal(response.status, 200, response.text);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(
      response.headers.get('content-disposition') ?? '',
      /attachment; filename=".*\.csv"/,
    );

    const lines = response.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    assert.match(lines[0]!, /^Ad;Soyad;Telefon;/);
    const names = lines.slice(1).map((line) => line.split(';').slice(0, 2).join(' '));
    assert.deepEqual(names.sort(), ['Gül Yıldız', 'Ömer Güneş', 'İsmail Işık'].sort());
  });

  it('merged OpenAPI lists the running services', async () => {
    const response = await call('GET', '/api/docs-json');
    assert.equal(response.status, 200, response.text);
    // Catalog and reporting do not run here; their own gateway tests check their routes.
    assert.deepEqual(response.body['x-unavailable-services'], ['catalog', 'reporting']);
    const paths = Object.keys(response.body.paths);
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/membership-plans',
      '/api/v1/members',
      '/api/v1/subscription',
      '/api/v1/payments',
    ]) {
      assert.ok(paths.includes(path), `${path} is documented; got ${paths.join(', ')}`);
    }
  });

  /** Repeats `method path` until it gets `status`, as billing's events reach the gateway later. */
  async function waitForResponseStatus(method: string, path: string, status: number) {
    const deadline = Date.now() + REPLICA_DEADLINE_MS;
    for (;;) {
      const response = await call(method, path, {
        token: owner.accessToken,
        json: method === 'GET' ? undefined : {},
      });
      if (response.status === status) return response;
      if (Date.now() > deadline) {
        assert.fail(`${method} ${path} got ${response.status}, not ${status}: ${response.text}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  // Runs last: it suspends the test's tenant.
  it('billing suspension enforced', async () => {
    const trial = await waitForResponseStatus('GET', '/api/v1/subscription', 200);
    assert.equal(trial.body.status, 'TRIAL', 'signup started a trial in billing');

    await stack.billing.setSubscriptionStatus(owner.tenantId, 'SUSPENDED');
    const refused = await waitForResponseStatus('GET', '/api/v1/members', 403);
    assert.equal(refused.body.code, 'SUBSCRIPTION_SUSPENDED');
    assert.match(refused.body.message, /askıya alındı/);

    const subscription = await call('GET', '/api/v1/subscription', { token: owner.accessToken });
    assert.equal(subscription.status, 200, subscription.text);
    assert.equal(subscription.body.status, 'SUSPENDED');
    const me = await call('GET', '/api/v1/auth/me', { token: owner.accessToken });
    assert.equal(me.status, 200, me.text);

    await stack.billing.setSubscriptionStatus(owner.tenantId, 'ACTIVE');
    await waitForResponseStatus('GET', '/api/v1/members', 200);
  });
});
