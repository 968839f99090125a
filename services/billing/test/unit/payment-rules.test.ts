import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCalendarDate, isCalendarMonth, monthOf } from '../../src/common/business-date.js';
import { PAYMENT_AMOUNT_PATTERN } from '../../src/common/money.js';
import '../../src/common/billing-errors.js';
import { assertNotInFuture } from '../../src/payments/payment-rules.js';

describe('payment amount format', () => {
  it('accepts positive amounts with up to 2 decimals', () => {
    for (const amount of ['0.01', '0.1', '1', '10.5', '450.00', '99999999.99']) {
      assert.ok(PAYMENT_AMOUNT_PATTERN.test(amount), amount);
    }
  });

  it('rejects zero, signs, exponents and extra digits', () => {
    for (const amount of [
      '0',
      '0.0',
      '0.00',
      '00.10',
      '-1',
      '+1',
      '1e2',
      '1.',
      '.5',
      '1.234',
      '100000000',
      '1,5',
    ]) {
      assert.ok(!PAYMENT_AMOUNT_PATTERN.test(amount), amount);
    }
  });
});

describe('business dates', () => {
  it('validates dates and months', () => {
    assert.ok(isCalendarDate('2028-02-29'));
    assert.ok(!isCalendarDate('2026-02-29'));
    assert.ok(!isCalendarDate('0000-01-01'), 'year 0 cannot be stored by PostgreSQL');
    assert.ok(!isCalendarDate('9999-12-31'), 'dates past the supported range are invalid');
    assert.ok(!isCalendarMonth('0000-01'), 'months follow the same year range');
    assert.ok(isCalendarMonth('2026-12'));
    assert.ok(!isCalendarMonth('2026-13'));
    assert.equal(monthOf('2026-03-31'), '2026-03');
  });

  it('rejects a date after today', () => {
    assert.doesNotThrow(() => assertNotInFuture('2026-03-31', '2026-03-31'));
    assert.throws(() => assertNotInFuture('2026-04-01', '2026-03-31'), {
      code: 'PAID_ON_IN_FUTURE',
    });
  });
});
