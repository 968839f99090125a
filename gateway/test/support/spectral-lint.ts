import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repositoryRoot } from '@gym/stack';

/** One finding of Spectral's JSON output; severity 0 is an error, 1 a warning. */
export interface SpectralFinding {
  code: string;
  message: string;
  path: string[];
  severity: number;
}

function spectralCommand(): string {
  const require = createRequire(join(repositoryRoot, 'package.json'));
  return join(dirname(require.resolve('@stoplight/spectral-cli/package.json')), 'dist', 'index.js');
}

/**
 * Writes `document` to a temporary file and lints it with Spectral and the repository's
 * `.spectral.yaml` (the `spectral:oas` rules), returning every finding.
 */
export function lintOpenApiDocument(document: unknown): SpectralFinding[] {
  const folder = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
  try {
    const file = join(folder, 'openapi.json');
    writeFileSync(file, JSON.stringify(document, null, 2));
    const result = spawnSync(
      process.execPath,
      [
        spectralCommand(),
        'lint',
        '--ruleset',
        join(repositoryRoot, '.spectral.yaml'),
        '--format',
        'json',
        '--quiet',
        file,
      ],
      { encoding: 'utf8' },
    );
    try {
      return JSON.parse(result.stdout) as SpectralFinding[];
    } catch {
      throw new Error(
        `Spectral printed no JSON (exit ${result.status}):\n${result.stdout}${result.stderr}`,
      );
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
