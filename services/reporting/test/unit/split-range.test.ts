import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitRange } from '../../src/reports/product-report.service.js';

describe('splitRange', () => {
  it('covers whole months inside the range', () => {
    assert.deepEqual(splitRange('2026-01-15', '2026-04-10'), [
      '2026-01-15',
      '2026-04-10',
      '2026-02-01',
      '2026-03-31',
      '2026-02',
      '2026-03',
    ]);
  });

  it('counts a range of exactly one month as that month', () => {
    assert.deepEqual(splitRange('2024-02-01', '2024-02-29'), [
      '2024-02-01',
      '2024-02-29',
      '2024-02-01',
      '2024-02-29',
      '2024-02',
      '2024-02',
    ]);
  });

  it('covers no days when no whole month fits', () => {
    const [from, to, coveredFrom, coveredTo, firstMonth, lastMonth] = splitRange(
      '2026-03-02',
      '2026-04-01',
    );
    assert.deepEqual([from, to], ['2026-03-02', '2026-04-01']);
    assert.ok(coveredFrom! > coveredTo!, 'the covered days are an empty range');
    assert.ok(firstMonth! > lastMonth!, 'the months are an empty range');
  });
});
