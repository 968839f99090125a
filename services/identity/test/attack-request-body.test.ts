import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startIdentity,
  type HttpResult,
  type IdentityHarness,
} from './support/identity-harness.js';
import { newEmail, strongPassword } from './support/signup-flow.js';

/** Checks the error contract and that nothing internal leaks into the body. */
function assertClientError(response: HttpResult, status: number, code: string): void {
  const text = JSON.stringify(response.body);
  assert.equal(response.status, status, text);
  assert.equal(response.body.statusCode, status);
  assert.equal(response.body.code, code);
  assert.equal(typeof response.body.message, 'string');
  assert.ok(response.body.requestId, 'requestId is present');
  assert.ok(!Number.isNaN(Date.parse(response.body.timestamp)), 'timestamp is ISO-8601');
  assert.doesNotMatch(text, /stack|QueryFailed|INSERT|SELECT|URIError|RangeError/);
}

function fieldsOf(response: HttpResult): string[] {
  return (response.body.errors ?? []).map((error: { field: string }) => error.field);
}

describe('request body attacks', () => {
  let harness: IdentityHarness;
  let adminToken: string;
  let adminUserId: string;
  let defaultBranchId: string;

  before(async () => {
    harness = await startIdentity();
    ({ adminToken, adminUserId, defaultBranchId } = await harness.createTenantWithAdmin());
  });
  after(async () => {
    await harness?.close();
  });

  it('rejects deeply nested JSON with 400', async () => {
    const deepArray = `{"name":${'['.repeat(5_000)}${']'.repeat(5_000)}}`;
    const deepObject = `{"name":${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}}`;

    for (const rawBody of [deepArray, deepObject]) {
      const response = await harness.request('POST', '/api/v1/branches', {
        token: adminToken,
        rawBody,
        headers: { 'accept-language': 'en' },
      });
      assertClientError(response, 400, 'VALIDATION_FAILED');
      assert.equal(response.body.errors[0].code, 'maxDepth');
      assert.match(response.body.errors[0].message, /nested more than 32 levels/);
    }

    const login = await harness.request('POST', '/api/v1/auth/login', {
      rawBody: `{"email":"a@example.com","password":${'['.repeat(5_000)}${']'.repeat(5_000)}}`,
    });
    assertClientError(login, 400, 'VALIDATION_FAILED');
  });

  it('rejects an unpaired surrogate in an email with 400', async () => {
    const routes = [
      ['/api/v1/auth/login', '{"email":"\\ud800@example.com","password":"x"}'],
      ['/api/v1/auth/password-reset/start', '{"email":"a\\udc00@example.com"}'],
      [
        '/api/v1/auth/signup/start',
        `{"email":"\\ud83d@example.com","password":"${strongPassword}","fullName":"A","gymName":"G"}`,
      ],
    ] as const;

    for (const [path, rawBody] of routes) {
      const response = await harness.request('POST', path, { rawBody });
      assertClientError(response, 400, 'VALIDATION_FAILED');
      assert.deepEqual(fieldsOf(response), ['email'], path);
      assert.equal(response.body.errors[0].code, 'isWellFormedText');
    }
  });

  it('rejects NUL in stored text with 400', async () => {
    const cases: { method: string; path: string; body: Record<string, unknown>; field: string }[] =
      [
        { method: 'POST', path: '/api/v1/branches', body: { name: 'Şube\u0000' }, field: 'name' },
        {
          method: 'POST',
          path: '/api/v1/branches',
          body: { name: 'Moda', address: 'Moda Cd.\u0000' },
          field: 'address',
        },
        {
          method: 'PATCH',
          path: `/api/v1/branches/${defaultBranchId}`,
          body: { name: 'Merkez\u0000' },
          field: 'name',
        },
        {
          method: 'PATCH',
          path: '/api/v1/tenants/current',
          body: { name: 'Salon\u0000' },
          field: 'name',
        },
        {
          method: 'POST',
          path: '/api/v1/users',
          body: { email: newEmail('staff'), fullName: 'Ali\u0000', role: 'STAFF' },
          field: 'fullName',
        },
        {
          method: 'PATCH',
          path: `/api/v1/users/${adminUserId}`,
          body: { fullName: 'Ali\u0000' },
          field: 'fullName',
        },
        {
          method: 'POST',
          path: '/api/v1/auth/signup/start',
          body: {
            email: newEmail(),
            password: strongPassword,
            fullName: 'Ali\u0000',
            gymName: 'G',
          },
          field: 'fullName',
        },
        {
          method: 'POST',
          path: '/api/v1/auth/signup/start',
          body: {
            email: newEmail(),
            password: strongPassword,
            fullName: 'Ali',
            gymName: 'G\u0000',
          },
          field: 'gymName',
        },
      ];

    for (const testCase of cases) {
      const response = await harness.request(testCase.method, testCase.path, {
        token: adminToken,
        body: testCase.body,
      });
      assertClientError(response, 400, 'VALIDATION_FAILED');
      assert.deepEqual(fieldsOf(response), [testCase.field], `${testCase.method} ${testCase.path}`);
      assert.match(response.body.errors[0].message, /NUL/);
    }
  });

  it('answers a non-JSON body with 415', async () => {
    const bodies: { contentType: string | undefined; body: string }[] = [
      { contentType: 'text/plain', body: '{"name":"Moda"}' },
      { contentType: 'application/x-www-form-urlencoded', body: 'name=Moda' },
      { contentType: 'multipart/form-data; boundary=x', body: '--x--' },
      { contentType: undefined, body: '{"name":"Moda"}' },
    ];

    for (const { contentType, body } of bodies) {
      const headers: Record<string, string> = { authorization: `Bearer ${adminToken}` };
      if (contentType) headers['content-type'] = contentType;
      const response = await fetch(`${harness.baseUrl}/api/v1/branches`, {
        method: 'POST',
        headers,
        body: new Blob([body]),
      });
      const result = {
        status: response.status,
        body: await response.json(),
        headers: response.headers,
      };
      assertClientError(result, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }

    const withoutBody = await harness.request(
      'POST',
      `/api/v1/branches/${defaultBranchId}/set-default`,
      {
        token: adminToken,
      },
    );
    assert.equal(withoutBody.status, 200, 'a request without a body needs no content type');
  });

  it('fills rule limits into field messages', async () => {
    const branch = await harness.request('POST', '/api/v1/branches', {
      token: adminToken,
      body: { name: 'x'.repeat(121), phone: '1'.repeat(40) },
      headers: { 'accept-language': 'en' },
    });
    const tenant = await harness.request('PATCH', '/api/v1/tenants/current', {
      token: adminToken,
      body: { locale: 'de' },
      headers: { 'accept-language': 'en' },
    });
    const list = await harness.request('GET', '/api/v1/users?page=0&limit=500', {
      token: adminToken,
      headers: { 'accept-language': 'en' },
    });

    const messages = [branch, tenant, list].flatMap((response) =>
      response.body.errors.map((error: { message: string }) => error.message),
    );
    for (const message of messages) {
      assert.doesNotMatch(message, /\{\{|\}\}/, `placeholder left in: ${message}`);
    }
    assert.ok(
      messages.includes('name must be between 1 and 120 characters long.'),
      messages.join(' | '),
    );
    assert.ok(messages.includes('phone must be at most 32 characters long.'), messages.join(' | '));
    assert.ok(messages.includes('locale must be one of: tr, en.'), messages.join(' | '));
    assert.ok(messages.includes('page must be at least 1.'), messages.join(' | '));
    assert.ok(messages.includes('limit must be at most 100.'), messages.join(' | '));
  });
});
