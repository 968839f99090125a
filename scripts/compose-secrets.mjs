// Generates the secrets of the docker compose stack into the git-ignored .compose/ folder, once:
// the identity signing key and an env file with the passwords and the URLs that carry them.
// `docker compose up` reads both; delete .compose/ to start over with new secrets (and new volumes).
// COMPOSE_SECRETS_DIR writes them elsewhere (the tests use a temporary folder).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const folder = process.env.COMPOSE_SECRETS_DIR ?? join(root, '.compose');

/** Key id of the compose signing key; docker-compose.yml sets JWT_ACTIVE_KEY_ID to it. */
export const COMPOSE_KEY_ID = 'compose-1';

const secret = () => randomBytes(24).toString('hex');

mkdirSync(folder, { recursive: true });

const keyFile = join(folder, `${COMPOSE_KEY_ID}.pem`);
if (!existsSync(keyFile)) {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  // Readable by the containers' user (uid 1000), whatever the host user is: a bind-mounted
  // compose secret keeps the host file's owner and mode. For a local stack only.
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o644 });
  console.log(`Generated ${keyFile}`);
}

const envFile = join(folder, 'secrets.env');
if (!existsSync(envFile)) {
  const postgres = secret();
  const rabbitmq = secret();
  const redis = secret();
  const lines = [
    `POSTGRES_PASSWORD=${postgres}`,
    `RABBITMQ_DEFAULT_USER=gym`,
    `RABBITMQ_DEFAULT_PASS=${rabbitmq}`,
    `REDIS_PASSWORD=${redis}`,
    `DATABASE_URL=postgres://postgres:${postgres}@postgres:5432/gym`,
    `AMQP_URL=amqp://gym:${rabbitmq}@rabbitmq:5672`,
    `REDIS_URL=redis://:${redis}@redis:6379/0`,
    `CODE_HASH_SECRET=${randomBytes(32).toString('hex')}`,
    `GF_SECURITY_ADMIN_PASSWORD=${secret()}`,
  ];
  writeFileSync(envFile, `${lines.join('\n')}\n`, { mode: 0o600 });
  console.log(
    `Generated ${envFile}; the Grafana admin password is GF_SECURITY_ADMIN_PASSWORD there`,
  );
}
