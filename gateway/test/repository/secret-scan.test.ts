import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { repositoryRoot } from '@gym/stack';

const checkSecrets = join(repositoryRoot, 'scripts', 'check-secrets.mjs');

/** A made-up AWS secret access key of the real format; it opens nothing. */
const FAKE_AWS_SECRET = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYzzzzzzzzzz'].join('/');

/** A made-up database URL with a password, split so that this file itself passes the scan. */
const FAKE_DATABASE_URL = ['postgres://gym', 'Kx9-vL2q-Rt7@db.internal:5432/gym'].join(':');

/** Runs the secret scan in `folder`, a git repository, and returns its exit code and output. */
function scan(folder: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [checkSecrets], { cwd: folder, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Creates a git repository with `files` added to its index. */
function repositoryWith(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'secret-scan-'));
  spawnSync('git', ['init', '-q'], { cwd: folder });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  spawnSync('git', ['add', '-A'], { cwd: folder });
  return folder;
}

describe('secret scan of tracked files', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('planted AWS secret fails the scan', () => {
    const folder = repositoryWith({
      'README.md': '# Service\n',
      'deploy/prod.env': `AWS_SECRET_ACCESS_KEY=${FAKE_AWS_SECRET}\n`,
    });
    folders.push(folder);

    const result = scan(folder);

    assert.equal(result.status, 1, result.output);
    assert.match(result.output, /deploy\/prod\.env/);
    assert.match(result.output, /AWSSecretAccessKey/);
  });

  it('planted database password fails the scan', () => {
    const folder = repositoryWith({
      'config.ts': `export const url = '${FAKE_DATABASE_URL}';\n`,
    });
    folders.push(folder);

    const result = scan(folder);

    assert.equal(result.status, 1, result.output);
    assert.match(result.output, /config\.ts/);
  });

  it('placeholders pass the scan', () => {
    const folder = repositoryWith({
      '.env.example':
        'AMQP_URL=amqp://guest:guest@127.0.0.1:5672\nJWT_SIGNING_KEYS_DIR=.dev/keys\n',
    });
    folders.push(folder);

    const result = scan(folder);

    assert.equal(result.status, 0, result.output);
  });

  it('repository tracked files pass the scan', () => {
    const result = scan(repositoryRoot);

    assert.equal(result.status, 0, result.output);
    assert.match(result.output, /nothing found/);
  });

  it('.env.example sets no secret', () => {
    const secretNames = /SECRET|PASSWORD|TOKEN|PRIVATE|API_KEY|CREDENTIAL/;
    const assignments = readFileSync(join(repositoryRoot, '.env.example'), 'utf8')
      .split('\n')
      .map((line) => /^([A-Z0-9_]+)=(.*)$/.exec(line.trim()))
      .filter((match) => match !== null);

    assert.ok(assignments.length > 0, '.env.example has settings');
    const secrets = assignments.filter(
      ([, name, value]) => secretNames.test(name!) && value !== '',
    );
    assert.deepEqual(
      secrets.map(([line]) => line),
      [],
    );
  });
});
