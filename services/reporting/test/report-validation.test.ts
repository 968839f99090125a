import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startReporting,
  type ReportingHarness,
  type TestTenant,
} from './support/reporting-harness.js';

describe('report query validation', () => {
  let harness: ReportingHarness;
  let tenant: TestTenant;

  before(async () => {
    harness = await startReporting();
    tenant = await harness.createTenant();
  });
  after(async () => {
    await harness?.close();
  });

  const cases: { path: string; status: number; code: string; tr: RegExp; en: RegExp }[] = [
    {
      path: '/api/v1/reports/revenue?month=2026-13',
      status: 400,
      code: 'VALIDATION_FAILED',
      tr: /İstek geçersiz/,
      en: /request is invalid/,
    },
    {
      path: '/api/v1/reports/revenue',
      status: 400,
      code: 'VALIDATION_FAILED',
      tr: /İstek geçersiz/,
      en: /request is invalid/,
    },
    {
      path: '/api/v1/dashboard/monthly-members?months=25',
      status: 400,
      code: 'VALIDATION_FAILED',
      tr: /İstek geçersiz/,
      en: /request is invalid/,
    },
    {
      path: '/api/v1/reports/revenue-trend?months=0',
      status: 400,
      code: 'VALIDATION_FAILED',
      tr: /İstek geçersiz/,
      en: /request is invalid/,
    },
    {
      path: '/api/v1/dashboard/summary?tenantId=00000000-0000-4000-8000-000000000000',
      status: 400,
      code: 'VALIDATION_FAILED',
      tr: /İstek geçersiz/,
      en: /request is invalid/,
    },
    {
      path: '/api/v1/dashboard/summary?branchId=north',
      status: 400,
      code: 'VALIDATION_FAILED',
      tr: /İstek geçersiz/,
      en: /request is invalid/,
    },
    {
      path: '/api/v1/reports/products?from=2026-03-10&to=2026-03-01',
      status: 400,
      code: 'INVALID_DATE_RANGE',
      tr: /from \(2026-03-10\) to \(2026-03-01\) tarihinden sonra olamaz/,
      en: /from \(2026-03-10\) cannot be after to \(2026-03-01\)/,
    },
    {
      path: '/api/v1/reports/products?from=2025-01-01&to=2026-03-01',
      status: 400,
      code: 'DATE_RANGE_TOO_LONG',
      tr: /en fazla 366 gün/,
      en: /at most 366 days/,
    },
    {
      path: '/api/v1/reports/products?from=2026-02-30&to=2026-03-01',
      status: 400,
      code: 'VALIDATION_FAILED',
      tr: /İstek geçersiz/,
      en: /request is invalid/,
    },
  ];

  for (const { path, status, code, tr, en } of cases) {
    it(`${path.slice('/api/v1'.length)} answers ${status} ${code} in Turkish and English`, async () => {
      const turkish = await harness.request(path, { token: tenant.adminToken });
      assert.equal(turkish.status, status, turkish.text);
      assert.equal(turkish.body.code, code);
      assert.match(turkish.body.message, tr);

      const english = await harness.request(path, {
        token: tenant.adminToken,
        headers: { 'accept-language': 'en' },
      });
      assert.equal(english.status, status, english.text);
      assert.equal(english.body.code, code);
      assert.match(english.body.message, en);
    });
  }

  it('a request without a token answers 401 UNAUTHENTICATED', async () => {
    const response = await harness.request('/api/v1/dashboard/summary');
    assert.equal(response.status, 401);
    assert.equal(response.body.code, 'UNAUTHENTICATED');
  });
});
