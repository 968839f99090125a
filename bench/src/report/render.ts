import { median, spread } from './stats.js';
import type { Figure, MachineInfo, ResultsFile, ScenarioResult, Target } from './results.js';

/** Share of CPU time other processes used before a run above which its figures count as busy. */
export const BUSY_CPU_PERCENT = 25;

export function formatNumber(value: number): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

function withUnit(value: number, unit: string): string {
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}

function describeSeries(runs: number[], unit: string): string {
  const { min, max } = spread(runs);
  return `${withUnit(median(runs), unit)} (${formatNumber(min)}–${formatNumber(max)})`;
}

/** The figure's median set beside its baseline's: their ratio or their difference. */
export function comparisonOf(figure: Figure): number | undefined {
  if (!figure.baseline) return undefined;
  const own = median(figure.runs);
  const base = median(figure.baseline.runs);
  return figure.comparison === 'difference' ? own - base : own / base;
}

function meets(figure: Figure, target: Target): boolean {
  const value = target.on === 'value' ? median(figure.runs) : comparisonOf(figure);
  if (value === undefined) return false;
  return target.op === '>=' ? value >= target.limit : value <= target.limit;
}

/** Whether the figure meets every target; undefined when it has none. */
export function verdictOf(figure: Figure): 'pass' | 'miss' | undefined {
  const targets = figure.targets ?? [];
  if (targets.length === 0) return undefined;
  return targets.every((target) => meets(figure, target)) ? 'pass' : 'miss';
}

function describeTarget(figure: Figure, target: Target): string {
  const subject = target.on === 'value' ? '' : target.on === 'ratio' ? 'ratio ' : 'difference ';
  const unit = target.on === 'ratio' ? '' : ` ${figure.unit}`;
  return `${subject}${target.op === '>=' ? '≥' : '≤'} ${formatNumber(target.limit)}${unit}`;
}

function describeTargets(figure: Figure): string {
  const targets = figure.targets ?? [];
  return targets.length === 0
    ? '—'
    : targets.map((target) => describeTarget(figure, target)).join('; ');
}

function describeComparison(figure: Figure): string {
  const value = comparisonOf(figure);
  if (value === undefined) return '—';
  if (figure.comparison === 'difference') {
    return `${value >= 0 ? '+' : ''}${withUnit(value, figure.unit)}`;
  }
  return `× ${value.toFixed(value >= 10 ? 1 : 3)}`;
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|');
}

export function renderFigureTable(figures: Figure[]): string {
  const rows = figures.map((figure) => {
    const baseline = figure.baseline
      ? `${figure.baseline.label}: ${describeSeries(figure.baseline.runs, figure.baseline.unit)}`
      : '—';
    return [
      figure.label,
      describeSeries(figure.runs, figure.unit),
      baseline,
      describeComparison(figure),
      describeTargets(figure),
      verdictOf(figure) ?? '—',
    ]
      .map(escapeCell)
      .join(' | ');
  });
  return [
    '| figure | median (min–max) | baseline, same run: median (min–max) | vs baseline | target | result |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}

export function renderMachine(machine: MachineInfo): string {
  return [
    '| item | value |',
    '| --- | --- |',
    `| CPU | ${machine.cpuModel} |`,
    `| cores | ${machine.cores} |`,
    `| memory | ${formatNumber(machine.memoryGiB)} GiB |`,
    `| operating system | ${machine.os} |`,
    `| Node.js | ${machine.node} |`,
    `| PostgreSQL | ${machine.postgres} |`,
    `| RabbitMQ | ${machine.rabbitmq} |`,
  ].join('\n');
}

export function renderScenario(result: ScenarioResult): string {
  const busy = result.load.cpuBusyPercent > BUSY_CPU_PERCENT;
  const lines = [
    `## ${result.title}`,
    '',
    `Command: \`${result.command}\`. Taken ${result.takenAt.replace('T', ' ').slice(0, 16)} UTC,`,
    `with ${formatNumber(result.load.cpuBusyPercent)} % of the CPU busy with other work just before`,
    `the start (1-minute load average ${formatNumber(result.load.loadAverage)}): ${busy ? '**busy machine**' : 'quiet machine'}.`,
    '',
    renderFigureTable(result.figures),
  ];
  if (result.notes.length > 0) {
    lines.push('', ...result.notes.map((note) => `- ${note}`));
  }
  return lines.join('\n');
}

/**
 * The whole page: the hand-written introduction, the machine, one section per scenario in
 * `order`, then the hand-written findings.
 */
export function renderReport(
  results: ResultsFile,
  order: string[],
  texts: { intro: string; findings: string },
): string {
  const scenarios = order
    .map((id) => results.scenarios[id])
    .filter((result): result is ScenarioResult => result !== undefined);
  const latest = [...scenarios].sort((a, b) => b.takenAt.localeCompare(a.takenAt))[0];
  const parts = [texts.intro.trim()];
  if (latest) parts.push(`## Machine\n\n${renderMachine(latest.machine)}`);
  parts.push(...scenarios.map(renderScenario));
  const missing = order.filter((id) => results.scenarios[id] === undefined);
  if (missing.length > 0) {
    parts.push(`## Not measured yet\n\n${missing.map((id) => `- \`${id}\``).join('\n')}`);
  }
  parts.push(texts.findings.trim());
  return `<!-- Generated by \`npm run bench\` from bench/results.json, bench/intro.md and bench/findings.md. -->\n\n${parts.join('\n\n')}\n`;
}
