import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArguments } from '../src/main.js';

describe('bench arguments', () => {
  it('defaults: all scenarios, 3 runs of 5 s', () => {
    const parsed = parseArguments([]);
    assert.deepEqual(
      parsed.selected.map((scenario) => scenario.id),
      [
        'baselines',
        'gateway-overhead',
        'payment-write',
        'member-import',
        'member-search',
        'report-lag',
        'report-scale',
        'stack-ready',
      ],
    );
    assert.deepEqual(parsed.settings, { runs: 3, durationSeconds: 5 });
    assert.equal(parsed.reportOnly, false);
  });

  it('named scenario with settings', () => {
    const parsed = parseArguments(['--runs=5', '--duration=2', 'payment-write']);
    assert.deepEqual(
      parsed.selected.map((scenario) => scenario.id),
      ['payment-write'],
    );
    assert.deepEqual(parsed.settings, { runs: 5, durationSeconds: 2 });
  });

  it('invalid arguments rejected', () => {
    assert.throws(() => parseArguments(['nope']), /Unknown scenario "nope"/);
    assert.throws(() => parseArguments(['--fast']), /Unknown option --fast/);
    assert.throws(() => parseArguments(['--runs=0']), /--runs must be a whole number/);
  });
});
