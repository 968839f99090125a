import { AppException } from '@gym/errors';
import { MAX_PAYMENT_AMOUNT, PAYMENT_AMOUNT_PATTERN } from '../common/money.js';

/** Raises 400 INVALID_AMOUNT unless `amount` is a positive decimal string within the bounds. */
export function assertPaymentAmount(amount: string): void {
  if (!PAYMENT_AMOUNT_PATTERN.test(amount)) {
    throw new AppException('INVALID_AMOUNT', { amount, max: MAX_PAYMENT_AMOUNT }, [
      { field: 'amount', constraint: 'isPaymentAmount' },
    ]);
  }
}

/** Raises 400 PAID_ON_IN_FUTURE when the business date lies after the tenant's today. */
export function assertNotInFuture(paidOn: string, today: string): void {
  if (paidOn > today) {
    throw new AppException('PAID_ON_IN_FUTURE', { paidOn, today }, [
      { field: 'paidOn', constraint: 'notInFuture', params: { today } },
    ]);
  }
}
