import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import prettier from 'prettier';
import { describeMachine, sampleMachineLoad } from './report/machine.js';
import { renderReport } from './report/render.js';
import { readResults, writeResults } from './report/results.js';
import { scenarios } from './scenarios/index.js';
import type { Scenario } from './scenarios/scenario.js';
import { repositoryRoot, type BenchSettings } from './settings.js';
import { STACK_TRACING_VARIABLE } from '@gym/stack';

export const paths = {
  results: join(repositoryRoot, 'bench/results.json'),
  intro: join(repositoryRoot, 'bench/intro.md'),
  findings: join(repositoryRoot, 'bench/findings.md'),
  report: join(repositoryRoot, 'docs/benchmarks.md'),
};

const USAGE = `Usage: npm run bench [-- [--runs=N] [--duration=SECONDS] [--cpu-prof=DIR] [--report-only] [scenario...]]
Scenarios: ${scenarios.map((scenario) => scenario.id).join(', ')}`;

export interface BenchArguments {
  selected: Scenario[];
  settings: BenchSettings;
  reportOnly: boolean;
  /** Folder for a V8 CPU profile of every Node process the scenarios start. */
  cpuProfileDir?: string;
}

function positiveInteger(value: string, name: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new Error(`${name} must be a whole number ≥ 1`);
  return parsed;
}

export function parseArguments(args: string[]): BenchArguments {
  const settings: BenchSettings = { runs: 3, durationSeconds: 5 };
  const ids: string[] = [];
  let reportOnly = false;
  let cpuProfileDir: string | undefined;
  for (const arg of args) {
    const [name, value] = arg.split('=', 2) as [string, string | undefined];
    if (name === '--runs' && value) settings.runs = positiveInteger(value, '--runs');
    else if (name === '--duration' && value)
      settings.durationSeconds = positiveInteger(value, '--duration');
    else if (name === '--report-only') reportOnly = true;
    else if (name === '--cpu-prof' && value) cpuProfileDir = resolve(value);
    else if (name.startsWith('--')) throw new Error(`Unknown option ${arg}\n${USAGE}`);
    else ids.push(name);
  }
  const selected =
    ids.length === 0
      ? scenarios
      : ids.map((id) => {
          const scenario = scenarios.find((candidate) => candidate.id === id);
          if (!scenario) throw new Error(`Unknown scenario "${id}"\n${USAGE}`);
          return scenario;
        });
  return { selected, settings, reportOnly, ...(cpuProfileDir ? { cpuProfileDir } : {}) };
}

/** Renders docs/benchmarks.md from the stored results, formatted as the repository's Prettier does. */
export async function writeReport(): Promise<void> {
  const report = renderReport(
    readResults(paths.results),
    scenarios.map((scenario) => scenario.id),
    { intro: readFileSync(paths.intro, 'utf8'), findings: readFileSync(paths.findings, 'utf8') },
  );
  const options = await prettier.resolveConfig(paths.report);
  writeFileSync(paths.report, await prettier.format(report, { ...options, parser: 'markdown' }));
}

/** Runs the selected scenarios, keeps each result in bench/results.json, rewrites the report. */
export async function main(args: string[]): Promise<number> {
  let parsed: BenchArguments;
  try {
    parsed = parseArguments(args);
  } catch (error) {
    console.error((error as Error).message);
    return 64;
  }
  if (parsed.reportOnly) {
    await writeReport();
    return 0;
  }

  // Every service traces as it does in production, with the SDK preloaded and no exporter.
  process.env[STACK_TRACING_VARIABLE] = 'true';
  if (parsed.cpuProfileDir) {
    // Child processes inherit the environment; the bench process itself is already running.
    const profiling = `--cpu-prof --cpu-prof-dir=${parsed.cpuProfileDir}`;
    process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, profiling].filter(Boolean).join(' ');
  }
  const machine = await describeMachine();
  let failed = 0;
  for (const scenario of parsed.selected) {
    const log = (message: string) => console.log(`[${scenario.id}] ${message}`);
    const load = await sampleMachineLoad();
    log(`starting (${load.cpuBusyPercent.toFixed(0)} % CPU busy before the start)`);
    try {
      const outcome = await scenario.run({ settings: parsed.settings, log });
      const results = readResults(paths.results);
      results.scenarios[scenario.id] = {
        id: scenario.id,
        title: scenario.title,
        command: [
          'npm run bench --',
          `--runs=${parsed.settings.runs}`,
          `--duration=${parsed.settings.durationSeconds}`,
          scenario.id,
        ].join(' '),
        takenAt: new Date().toISOString(),
        machine,
        load,
        ...outcome,
      };
      await writeResults(paths.results, results);
      await writeReport();
      log('done');
    } catch (error) {
      failed += 1;
      console.error(`[${scenario.id}] failed:`, error);
    }
  }
  console.log(`Report: ${paths.report}`);
  return failed === 0 ? 0 : 1;
}
