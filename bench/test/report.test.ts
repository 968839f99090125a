import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { comparisonOf, renderReport, verdictOf } from '../src/report/render.js';
import type { Figure, ResultsFile, ScenarioResult } from '../src/report/results.js';
import { median, spread } from '../src/report/stats.js';

const machine = {
  cpuModel: 'Test CPU',
  cores: 2,
  memoryGiB: 24,
  node: 'v24.21.0',
  postgres: '15.20',
  rabbitmq: '3.10.8',
  os: 'Debian',
};

const throughput: Figure = {
  label: 'throughput through the gateway',
  unit: 'req/s',
  runs: [900, 800, 850],
  baseline: { label: 'straight to identity', unit: 'req/s', runs: [1000, 1000, 1200] },
  targets: [{ on: 'ratio', op: '>=', limit: 0.8 }],
};

const addedLatency: Figure = {
  label: 'median latency',
  unit: 'ms',
  runs: [2.5, 3, 2.8],
  baseline: { label: 'straight to identity', unit: 'ms', runs: [1, 1.2, 1.1] },
  comparison: 'difference',
  targets: [{ on: 'difference', op: '<=', limit: 1 }],
};

function scenario(id: string, figures: Figure[], cpuBusyPercent: number): ScenarioResult {
  return {
    id,
    title: `Scenario ${id}`,
    command: `npm run bench -- ${id}`,
    takenAt: '2026-12-04T22:40:00.000Z',
    machine,
    load: { cpuBusyPercent, loadAverage: 1.5 },
    figures,
    notes: ['A note about the run.'],
  };
}

describe('bench statistics', () => {
  it('median and spread of runs', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.deepEqual(spread([3, 1, 2]), { min: 1, max: 3 });
    assert.throws(() => median([]), /no values/);
  });

  it('ratio and difference decide verdict', () => {
    assert.equal(comparisonOf(throughput), 850 / 1000);
    assert.equal(verdictOf(throughput), 'pass');
    assert.ok(Math.abs(comparisonOf(addedLatency)! - 1.7) < 1e-9);
    assert.equal(verdictOf(addedLatency), 'miss');
    assert.equal(verdictOf({ label: 'no target', unit: 's', runs: [1] }), undefined);
  });

  it('every target must be met', () => {
    const payments: Figure = {
      label: 'payments',
      unit: 'req/s',
      runs: [400],
      baseline: { label: 'inserts', unit: 'tx/s', runs: [2000] },
      targets: [
        { on: 'value', op: '>=', limit: 1500 },
        { on: 'ratio', op: '>=', limit: 0.1 },
      ],
    };
    assert.equal(verdictOf(payments), 'miss');
    assert.equal(verdictOf({ ...payments, runs: [1600] }), 'pass');
  });
});

describe('bench report', () => {
  const results: ResultsFile = {
    scenarios: {
      quiet: scenario('quiet', [throughput], 5),
      busy: scenario('busy', [addedLatency], 90),
    },
  };
  const page = renderReport(results, ['quiet', 'busy', 'later'], {
    intro: '# Benchmarks\n\nIntroduction.',
    findings: '## Findings\n\nWhat the profiles showed.',
  });

  it('hand-written parts kept around tables', () => {
    assert.ok(page.includes('# Benchmarks\n\nIntroduction.'));
    assert.ok(page.trimEnd().endsWith('What the profiles showed.'));
    assert.ok(page.includes('| CPU | Test CPU |'));
    assert.ok(page.includes('| RabbitMQ | 3.10.8 |'));
  });

  it('figure row beside its baseline', () => {
    assert.ok(
      page.includes(
        '| throughput through the gateway | 850 req/s (800–900) | straight to identity: 1,000 req/s (1,000–1,200) | × 0.850 | ratio ≥ 0.8 | pass |',
      ),
      page,
    );
    assert.ok(
      page.includes(
        '| median latency | 2.8 ms (2.5–3) | straight to identity: 1.1 ms (1–1.2) | +1.7 ms | difference ≤ 1 ms | miss |',
      ),
      page,
    );
  });

  it('busy runs and missing scenarios marked', () => {
    assert.match(page, /## Scenario quiet[\s\S]*quiet machine/);
    assert.match(page, /## Scenario busy[\s\S]*\*\*busy machine\*\*/);
    assert.match(page, /## Not measured yet\s+- `later`/);
    assert.ok(page.includes('Command: `npm run bench -- busy`'));
  });
});
