import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startIdentity,
  type IdentityHarness,
  type RequestOptions,
} from './support/identity-harness.js';
import { newEmail, strongPassword } from './support/signup-flow.js';

const validSignup = () => ({
  email: newEmail(),
  password: strongPassword,
  fullName: 'Elif Şahin',
  gymName: 'Salon',
});

const cases: { name: string; options: () => RequestOptions; code: string; field?: string }[] = [
  {
    name: 'unknown field',
    options: () => ({ body: { ...validSignup(), isAdmin: true } }),
    code: 'VALIDATION_FAILED',
    field: 'isAdmin',
  },
  {
    name: 'wrong type',
    options: () => ({ body: { ...validSignup(), fullName: 12345 } }),
    code: 'VALIDATION_FAILED',
    field: 'fullName',
  },
  {
    name: '10,000-character name',
    options: () => ({ body: { ...validSignup(), gymName: 'ş'.repeat(10_000) } }),
    code: 'VALIDATION_FAILED',
    field: 'gymName',
  },
  {
    name: 'missing field',
    options: () => ({ body: { email: newEmail() } }),
    code: 'VALIDATION_FAILED',
    field: 'password',
  },
  {
    name: '__proto__ key',
    options: () => ({ rawBody: `{"email":"${newEmail()}","__proto__":{"isAdmin":true}}` }),
    code: 'FORBIDDEN_KEY',
  },
  {
    name: 'constructor key',
    options: () => ({ rawBody: '{"constructor":{"prototype":{"polluted":true}}}' }),
    code: 'FORBIDDEN_KEY',
  },
  {
    name: 'malformed JSON',
    options: () => ({ rawBody: '{"email": "a@b.c",' }),
    code: 'MALFORMED_JSON',
  },
  { name: 'array body', options: () => ({ body: [1, 2, 3] }), code: 'VALIDATION_FAILED' },
];

describe('bad input', () => {
  let harness: IdentityHarness;

  before(async () => {
    harness = await startIdentity();
  });
  after(async () => {
    await harness?.close();
  });

  for (const testCase of cases) {
    it(`answers 400 ${testCase.code} in Turkish and English: ${testCase.name}`, async () => {
      const turkish = await harness.request(
        'POST',
        '/api/v1/auth/signup/start',
        testCase.options(),
      );
      const english = await harness.request('POST', '/api/v1/auth/signup/start', {
        ...testCase.options(),
        headers: { 'accept-language': 'en' },
      });

      for (const response of [turkish, english]) {
        assert.equal(response.status, 400, JSON.stringify(response.body));
        assert.equal(response.body.code, testCase.code);
        assert.equal(response.body.statusCode, 400);
        assert.equal(response.body.path, '/api/v1/auth/signup/start');
        assert.ok(response.body.requestId, 'requestId is present');
        assert.ok(!Number.isNaN(Date.parse(response.body.timestamp)), 'timestamp is ISO-8601');
      }
      assert.notEqual(turkish.body.message, english.body.message, 'the two languages differ');
      assert.match(turkish.body.message, /[çğıöşüİ]|İstek|geçerli/u, 'Turkish is the default');
      assert.match(english.body.message, /request|body|JSON|key/i);
      if (testCase.field) {
        const fields = turkish.body.errors.map((error: { field: string }) => error.field);
        assert.ok(
          fields.includes(testCase.field),
          `errors name ${testCase.field}: ${fields.join(', ')}`,
        );
      }
    });
  }

  it('answers an unknown route 404 ROUTE_NOT_FOUND in the error contract', async () => {
    const response = await harness.request('GET', '/api/v1/nope', {
      headers: { 'accept-language': 'en' },
    });
    assert.equal(response.status, 404);
    assert.equal(response.body.code, 'ROUTE_NOT_FOUND');
    assert.equal(response.body.message, 'The requested route does not exist.');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await harness.request('POST', '/api/v1/auth/signup/start', {
      rawBody: JSON.stringify({ fullName: 'x'.repeat(200_000) }),
    });
    assert.equal(response.status, 413);
    assert.equal(response.body.code, 'PAYLOAD_TOO_LARGE');
  });

  it('keeps a sane X-Request-ID and replaces an unsafe one', async () => {
    const kept = await harness.request('GET', '/health/live', {
      headers: { 'x-request-id': 'client-abc.123' },
    });
    assert.equal(kept.headers.get('x-request-id'), 'client-abc.123');

    const replaced = await harness.request('GET', '/health/live', {
      headers: { 'x-request-id': 'bad id <script>' },
    });
    assert.notEqual(replaced.headers.get('x-request-id'), 'bad id <script>');
    assert.match(replaced.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('answers a missing or forged token with 401 UNAUTHENTICATED', async () => {
    const missing = await harness.request('GET', '/api/v1/auth/me');
    const forged = await harness.request('GET', '/api/v1/auth/me', {
      token: 'eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiJ4In0.',
    });
    for (const response of [missing, forged]) {
      assert.equal(response.status, 401);
      assert.equal(response.body.code, 'UNAUTHENTICATED');
    }
  });
});
