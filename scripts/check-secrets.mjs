// Fails when a tracked file of the git repository in the current folder contains something that
// looks like a live credential. Secretlint's recommended rules run first, then patterns of our
// own: private keys, cloud access keys, provider tokens, and URLs with a password other than the
// local development placeholders.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

const patterns = [
  { name: 'private key', regex: /-----BEGIN (?:RSA |EC |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/ },
  { name: 'AWS access key id', regex: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'GitHub token', regex: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { name: 'Slack token', regex: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/ },
  { name: 'Stripe live key', regex: /\b[sr]k_live_[A-Za-z0-9]{16,}\b/ },
  { name: 'Google API key', regex: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  {
    name: 'JSON web token',
    regex: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}\b/,
  },
  {
    name: 'URL with a password',
    regex: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]+:([^\s@/'"$]{3,})@/i,
    allow: /^(guest|postgres|password|secret|changeme|placeholder|x+)$/i,
  },
];

const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' })
  .split('\0')
  .filter(Boolean);
const skipped = /(^|\/)(package-lock\.json|.*\.(png|jpg|jpeg|gif|webp|ico|xlsx|pdf))$/;
const scanned = files.filter((file) => !skipped.test(file));

// The package exports no subpath for its command, so the path is built from its package.json.
const secretlintPackage = createRequire(join(root, 'package.json')).resolve(
  'secretlint/package.json',
);
const secretlint = join(dirname(secretlintPackage), 'bin', 'secretlint.js');
const secretlintRun = spawnSync(
  process.execPath,
  [secretlint, '--no-glob', '--secretlintrc', join(root, '.secretlintrc.json'), ...scanned],
  { stdio: 'inherit' },
);
if (secretlintRun.status !== 0) {
  console.error('Secretlint found possible secrets in tracked files (listed above).');
  process.exit(1);
}

const findings = [];

for (const file of scanned) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue;
  }
  text.split('\n').forEach((line, index) => {
    for (const pattern of patterns) {
      const match = pattern.regex.exec(line);
      if (match && !(pattern.allow && pattern.allow.test(match[1] ?? ''))) {
        findings.push(`${file}:${index + 1}: looks like a ${pattern.name}`);
      }
    }
  });
}

if (findings.length > 0) {
  console.error(`Possible secrets in tracked files:\n${findings.join('\n')}`);
  console.error(
    'Move the value to the environment or a Kubernetes Secret and commit a placeholder.',
  );
  process.exit(1);
}
console.log(
  `Secret scan (secretlint and own patterns): ${scanned.length} tracked files, nothing found.`,
);
