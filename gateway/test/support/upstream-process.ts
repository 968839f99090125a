import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, deleteBrokerNames, freePort, uniqueName } from '@gym/testing';
import { ChildService } from '@gym/stack';
import { TEST_AUDIENCE, TEST_ISSUER } from '@gym/stack';
import { repositoryRoot, requiredTestEnv } from '@gym/stack';

const run = promisify(execFile);

/** Delays of the retry queues, in milliseconds, that every service's event consumer declares. */
const RETRY_DELAYS_MS = [1000, 5000, 30000, 120000];

export interface UpstreamProcess {
  name: string;
  baseUrl: string;
  /** URL of the service's own test database. */
  databaseUrl: string;
  service: ChildService;
  close(): Promise<void>;
}

export interface UpstreamProcessOptions {
  /** Identity's base URL; the service reads its JWKS from there. */
  identityUrl: string;
  /** The topic exchange the services publish their events to. */
  exchange: string;
  /** Settings that replace the defaults below. */
  env?: Record<string, string>;
}

/** Paths of the compiled entry points of `services/<name>`. */
export function serviceEntryPoints(name: string): { main: string; migrate: string } {
  const dist = resolve(repositoryRoot, 'services', name, 'dist', 'src');
  return { main: join(dist, 'main.js'), migrate: join(dist, 'migrate.js') };
}

/**
 * Migrates a new database and starts `services/<name>/dist/src/main.js` on a free port with the
 * settings every token-verifying service reads: its database, the broker and exchange, identity's
 * JWKS, a private photo folder, and jobs off. A service that needs a setting not given here exits
 * at startup naming it, and this function throws with its output.
 */
export async function startUpstreamProcess(
  name: string,
  options: UpstreamProcessOptions,
): Promise<UpstreamProcess> {
  const entry = serviceEntryPoints(name);
  const database = await createTestDatabase();
  const photoDir = mkdtempSync(join(tmpdir(), `platform-${name}-files-`));
  const queuePrefix = `${uniqueName(`platform-${name}`)}.`;
  const port = await freePort();
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    AMQP_URL: requiredTestEnv('TEST_AMQP_URL'),
    AMQP_EVENTS_EXCHANGE: options.exchange,
    AMQP_QUEUE_PREFIX: queuePrefix,
    REDIS_URL: requiredTestEnv('TEST_REDIS_URL'),
    REDIS_KEY_PREFIX: `${uniqueName(`platform-${name}`)}:`,
    JWKS_URL: new URL('/.well-known/jwks.json', options.identityUrl).href,
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    PHOTO_STORAGE_DIR: photoDir,
    JOBS_ENABLED: 'false',
    SHUTDOWN_DRAIN_MS: '10',
    OTEL_SDK_DISABLED: 'true',
    ...options.env,
  };

  if (existsSync(entry.migrate)) {
    await run(process.execPath, [entry.migrate], { env: { ...process.env, ...env } });
  }
  const service = new ChildService(name, ['--enable-source-maps', entry.main], env);
  const baseUrl = `http://127.0.0.1:${port}`;
  service.start();
  await waitUntilReady(baseUrl, service);

  return {
    name,
    baseUrl,
    databaseUrl: database.url,
    service,
    close: async () => {
      await service.stop();
      await database.drop();
      const queue = `${queuePrefix}${name}.events`;
      await deleteBrokerNames(env.AMQP_URL!, {
        exchanges: [`${options.exchange}.rpc`, `${queue}.dlx`],
        queues: [
          queue,
          `${queue}.dlq`,
          ...RETRY_DELAYS_MS.map((delay) => `${queue}.retry.${delay}ms`),
          `${queuePrefix}${name}.rpc`,
        ],
      }).catch(() => undefined);
      rmSync(photoDir, { recursive: true, force: true });
    },
  };
}

async function waitUntilReady(baseUrl: string, service: ChildService, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!service.running) {
      throw new Error(`${service.name} exited during startup. Output:\n${service.tail()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health/ready`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${service.name} was not ready within ${timeoutMs} ms. Output:\n${service.tail()}`,
  );
}
