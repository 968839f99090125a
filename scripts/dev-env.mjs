// Development environment for `npm start` and `npm run migrate`: .env.example, then the
// secrets generated in .dev/, then .env, then the process environment (which wins).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..');

function parseEnvFile(path) {
  if (!existsSync(path)) return {};
  const values = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (match) values[match[1]] = match[2];
  }
  return values;
}

/** Creates the development signing key and secrets once; they never leave .dev/. */
function ensureDevelopmentSecrets(settings) {
  const devDir = join(root, '.dev');
  mkdirSync(join(devDir, 'mail'), { recursive: true });

  const keysDir = resolve(root, settings.JWT_SIGNING_KEYS_DIR ?? '.dev/keys');
  const keyFile = join(keysDir, `${settings.JWT_ACTIVE_KEY_ID ?? 'dev-1'}.pem`);
  if (!existsSync(keyFile)) {
    mkdirSync(keysDir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    console.log(`Generated development signing key ${keyFile}`);
  }

  const secretsFile = join(devDir, 'secrets.env');
  if (!existsSync(secretsFile)) {
    writeFileSync(secretsFile, `CODE_HASH_SECRET=${randomBytes(32).toString('hex')}\n`, {
      mode: 0o600,
    });
  }
  return parseEnvFile(secretsFile);
}

export function developmentEnv() {
  const example = parseEnvFile(join(root, '.env.example'));
  const overrides = parseEnvFile(join(root, '.env'));
  const secrets = ensureDevelopmentSecrets({ ...example, ...overrides });
  const merged = { ...example, ...secrets, ...overrides };
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined) merged[name] = value;
  }
  for (const name of ['JWT_SIGNING_KEYS_DIR', 'MAIL_DIR']) {
    if (merged[name]) merged[name] = resolve(root, merged[name]);
  }
  return merged;
}
