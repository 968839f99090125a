import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import prettier from 'prettier';

/** A series of repeated measurements of one quantity, one value per run. */
export interface Series {
  label: string;
  unit: string;
  runs: number[];
}

/**
 * A condition on a figure: its own median (`value`), its median divided by the baseline's
 * (`ratio`) or minus it (`difference`), compared with `limit` by `op`.
 */
export interface Target {
  on: 'value' | 'ratio' | 'difference';
  op: '>=' | '<=';
  limit: number;
}

export interface Figure extends Series {
  baseline?: Series;
  /** The comparison with the baseline, `ratio` when absent. */
  comparison?: 'ratio' | 'difference';
  /** Every target must be met for the figure to pass. */
  targets?: Target[];
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  postgres: string;
  rabbitmq: string;
  os: string;
}

/** The machine's CPU load from other processes just before a scenario started. */
export interface MachineLoad {
  /** Share of all cores' time spent busy over a short sample, 0–100. */
  cpuBusyPercent: number;
  /** The 1-minute load average. */
  loadAverage: number;
}

export interface ScenarioResult {
  id: string;
  title: string;
  command: string;
  takenAt: string;
  machine: MachineInfo;
  load: MachineLoad;
  figures: Figure[];
  /** Facts about the run worth reading beside the numbers (errors seen, settings used). */
  notes: string[];
}

export interface ResultsFile {
  scenarios: Record<string, ScenarioResult>;
}

export function readResults(path: string): ResultsFile {
  if (!existsSync(path)) return { scenarios: {} };
  return JSON.parse(readFileSync(path, 'utf8')) as ResultsFile;
}

/** Writes the results formatted as the repository's Prettier does, so lint accepts the file. */
export async function writeResults(path: string, results: ResultsFile): Promise<void> {
  const options = await prettier.resolveConfig(path);
  const text = await prettier.format(JSON.stringify(results), { ...options, parser: 'json' });
  writeFileSync(path, text);
}
