import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueOffsetMs } from '../src/load/open-loop.js';
import {
  addDays,
  historyWindow,
  lastDayOfMonth,
  previousMonth,
} from '../src/stack/history-window.js';
import { dashboardSummaryStatements, revenueMonthStatements } from '../src/stack/report-plan.js';
import { userIdOf } from '../src/stack/tenant-history.js';

describe('history window', () => {
  it('24 months end on last day', () => {
    const window = historyWindow('2026-12-05', 24);

    assert.equal(window.firstDay, '2025-01-01');
    assert.equal(window.lastDay, '2026-12-05');
    // 365 days of 2025 and 339 days of 2026 up to 5 December.
    assert.equal(window.days, 365 + 339);
  });

  it('one month starts on its first day', () => {
    assert.deepEqual(historyWindow('2024-02-29', 1), {
      firstDay: '2024-02-01',
      lastDay: '2024-02-29',
      days: 29,
    });
  });

  it('invalid window arguments rejected', () => {
    assert.throws(() => historyWindow('2026-12-05', 0), /months must be a whole number/);
    assert.throws(() => historyWindow('05.12.2026', 3), /invalid date "05.12.2026"/);
  });

  it('month and day arithmetic', () => {
    assert.equal(previousMonth('2026-01-15'), '2025-12');
    assert.equal(previousMonth('2026-03-31'), '2026-02');
    assert.equal(lastDayOfMonth('2024-02'), '2024-02-29');
    assert.equal(lastDayOfMonth('2026-12'), '2026-12-31');
    assert.equal(addDays('2026-12-28', 7), '2027-01-04');
  });
});

describe('report statements', () => {
  it('dashboard dates of today', () => {
    const statements = dashboardSummaryStatements('tenant', '2026-01-28');

    assert.equal(statements.length, 5);
    assert.deepEqual(statements[2]!.parameters, ['tenant', null, '2026-01-28', '2026-02-04']);
    assert.deepEqual(statements[3]!.parameters, ['tenant', null, '2026-01']);
    assert.deepEqual(statements[4]!.parameters, ['tenant', null, '2026-01', '2025-12']);
  });

  it('revenue month spans its days', () => {
    const [statement] = revenueMonthStatements('tenant', '2026-02');

    assert.deepEqual(statement!.parameters, ['tenant', null, '2026-02-01', '2026-02-28']);
  });
});

describe('bench helpers', () => {
  it('open-loop schedule is evenly spaced', () => {
    assert.equal(dueOffsetMs(0, 200), 0);
    assert.equal(dueOffsetMs(1, 200), 5);
    assert.equal(dueOffsetMs(200, 200), 1000);
    assert.equal(dueOffsetMs(3, 3), 1000);
  });

  it('user id from access token', () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'user-1', tenantId: 't' })).toString(
      'base64url',
    );

    assert.equal(userIdOf(`header.${payload}.signature`), 'user-1');
    assert.throws(() => userIdOf('opaque'), /not a JWT/);
    const withoutSubject = Buffer.from(JSON.stringify({ tenantId: 't' })).toString('base64url');
    assert.throws(() => userIdOf(`header.${withoutSubject}.signature`), /no sub claim/);
  });
});
