import { resolve } from 'node:path';

/** The repository root, from bench/dist/src. */
export const repositoryRoot = resolve(import.meta.dirname, '../../..');

/** Returns a variable of test.env, which scripts/bench.mjs loads: the bench uses the tests' servers. */
export function benchEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set; test.env names the local servers`);
  return value;
}

/** How many times each scenario repeats, and how long one load phase lasts. */
export interface BenchSettings {
  runs: number;
  durationSeconds: number;
}
