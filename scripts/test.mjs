// Runs the compiled test files of every workspace (libs, services, gateway, deploy and bench), or of the
// workspace folders and compiled test files given as arguments, with Node's test runner, after
// loading test.env for the variables not already set.
import { readdirSync, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadTestEnv } from './test-env.mjs';

const root = resolve(import.meta.dirname, '..');

loadTestEnv(root);

function findTests(directory) {
  if (!existsSync(directory)) return [];
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return findTests(path);
    return entry.endsWith('.test.js') ? [path] : [];
  });
}

const args = process.argv.slice(2);
const explicitFiles = args.filter((arg) => arg.endsWith('.test.js')).map((file) => resolve(file));
const folders = args.filter((arg) => !arg.endsWith('.test.js'));

const workspaces = args.length
  ? folders.map((folder) => resolve(folder))
  : ['libs', 'services', 'gateway', 'deploy', 'demo', 'bench'].flatMap((group) => {
      const groupPath = join(root, group);
      if (!existsSync(groupPath)) return [];
      if (existsSync(join(groupPath, 'package.json'))) return [groupPath];
      return readdirSync(groupPath).map((name) => join(groupPath, name));
    });

const files = [
  ...explicitFiles,
  ...workspaces.flatMap((workspace) => findTests(join(workspace, 'dist', 'test'))),
];
if (files.length === 0) {
  console.error('No compiled test files found; run `npm run build` first.');
  process.exit(1);
}

/** Minimum line coverage of the compiled sources over a full run; the run fails below it. */
const COVERAGE_LINES_THRESHOLD = 80;

const coverage = args.length
  ? []
  : [
      '--experimental-test-coverage',
      '--test-coverage-include=**/dist/src/**',
      // Child processes inherit the coverage setting, and tools they run (Spectral) ship dist/src.
      '--test-coverage-exclude=**/node_modules/**',
      `--test-coverage-lines=${COVERAGE_LINES_THRESHOLD}`,
    ];

const result = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-reporter=spec',
    `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`,
    ...coverage,
    ...files,
  ],
  { stdio: 'inherit', env: process.env },
);
process.exit(result.status ?? 1);
