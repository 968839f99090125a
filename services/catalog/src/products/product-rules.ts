import { AppException } from '@gym/errors';
import { MAX_PRICE, PRICE_PATTERN } from '../common/money.js';

/** Raises 400 INVALID_PRICE unless `price` is a positive decimal string within the bounds. */
export function assertPrice(price: string): void {
  if (!PRICE_PATTERN.test(price)) {
    throw new AppException('INVALID_PRICE', { price, max: MAX_PRICE }, [
      { field: 'price', constraint: 'isPrice' },
    ]);
  }
}
