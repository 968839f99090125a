import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PRICE_PATTERN, fromCents, toCents } from '../../src/common/money.js';
import { mergeLines } from '../../src/sales/stock.js';

describe('money', () => {
  it('cents round-trip without float error', () => {
    for (const [text, cents] of [
      ['19.99', 1999n],
      ['0.10', 10n],
      ['5.5', 550n],
      ['7', 700n],
      ['99999999.99', 9999999999n],
    ] as const) {
      assert.equal(toCents(text), cents, text);
    }
    assert.equal(fromCents(1999n * 3n), '59.97');
    assert.equal(fromCents(10n + 20n), '0.30');
    assert.equal(fromCents(5n), '0.05');
    assert.equal(fromCents(-5n), '-0.05');
  });

  it('price pattern accepts at most 2 decimals above 0', () => {
    for (const valid of ['0.01', '1', '1.5', '19.99', '99999999.99']) {
      assert.ok(PRICE_PATTERN.test(valid), valid);
    }
    for (const invalid of ['0', '0.00', '1.999', '-1', '+1', '1e2', '100000000', '01.00', '.5']) {
      assert.ok(!PRICE_PATTERN.test(invalid), invalid);
    }
  });
});

describe('sale lines', () => {
  it('same product merges and lines sort by id', () => {
    const merged = mergeLines([
      { productId: 'b0000000-0000-4000-8000-000000000000', quantity: 1 },
      { productId: 'A0000000-0000-4000-8000-000000000000', quantity: 2 },
      { productId: 'a0000000-0000-4000-8000-000000000000', quantity: 3 },
    ]);

    assert.deepEqual(merged, [
      { productId: 'a0000000-0000-4000-8000-000000000000', quantity: 5 },
      { productId: 'b0000000-0000-4000-8000-000000000000', quantity: 1 },
    ]);
  });
});
