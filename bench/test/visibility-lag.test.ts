import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paymentCountOf, toCents } from '../src/report/payment-count.js';
import { visibilityLags } from '../src/report/visibility-lag.js';

describe('visibility lag', () => {
  it('k-th acknowledgement waits for count k', () => {
    const samples = [
      { at: 100, count: 0 },
      { at: 120, count: 1 },
      { at: 140, count: 3 },
      { at: 160, count: 4 },
    ];
    const { lags, unseen } = visibilityLags([110, 105, 115, 150], samples);

    // Sorted acknowledgements 105, 110, 115, 150 need counts 1, 2, 3, 4.
    assert.deepEqual(lags, [15, 30, 25, 10]);
    assert.equal(unseen, 0);
  });

  it('poll before acknowledgement never counts', () => {
    // The event path overtook the HTTP response: the poll at 100 already counts the payment.
    const samples = [
      { at: 100, count: 1 },
      { at: 120, count: 1 },
    ];
    const { lags } = visibilityLags([110], samples);

    assert.deepEqual(lags, [10]);
  });

  it('acknowledgement at poll time has zero lag', () => {
    const { lags } = visibilityLags([120], [{ at: 120, count: 1 }]);

    assert.deepEqual(lags, [0]);
  });

  it('payments never shown count as unseen', () => {
    const samples = [
      { at: 100, count: 1 },
      { at: 200, count: 2 },
    ];
    const { lags, unseen } = visibilityLags([50, 60, 70, 250], samples);

    assert.deepEqual(lags, [50, 140]);
    assert.equal(unseen, 2);
  });

  it('no samples leaves every payment unseen', () => {
    const { lags, unseen } = visibilityLags([1, 2], []);

    assert.deepEqual(lags, []);
    assert.equal(unseen, 2);
  });

  it('unsorted or falling samples rejected', () => {
    assert.throws(
      () =>
        visibilityLags(
          [1],
          [
            { at: 20, count: 1 },
            { at: 10, count: 1 },
          ],
        ),
      /not sorted by time at index 1/,
    );
    assert.throws(
      () =>
        visibilityLags(
          [1],
          [
            { at: 10, count: 2 },
            { at: 20, count: 1 },
          ],
        ),
      /count fell from 2 to 1 at index 1/,
    );
  });
});

describe('payment count of a revenue total', () => {
  it('money strings parse to cents', () => {
    assert.equal(toCents('0.00'), 0n);
    assert.equal(toCents('450.00'), 45000n);
    assert.equal(toCents('123456789.07'), 12345678907n);
    assert.throws(() => toCents('450'), /invalid money amount "450"/);
    assert.throws(() => toCents('-1.00'), /invalid money amount/);
  });

  it('total divides into whole payments', () => {
    assert.equal(paymentCountOf('0.00', '450.00'), 0);
    assert.equal(paymentCountOf('1350.00', '450.00'), 3);
    assert.equal(paymentCountOf('90000450.00', '450.00'), 200001);
  });

  it('foreign amount in total rejected', () => {
    assert.throws(
      () => paymentCountOf('1400.00', '450.00'),
      /1400.00 is not a whole multiple of the payment amount 450.00/,
    );
    assert.throws(() => paymentCountOf('0.00', '0.00'), /above zero/);
  });
});
