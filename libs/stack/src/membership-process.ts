import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, deleteBrokerNames, freePort, uniqueName } from '@gym/testing';
import { ChildService } from './child-service.js';
import { waitUntilReady } from './ready.js';
import { TEST_AUDIENCE, TEST_ISSUER } from './identity-process.js';
import { membershipMain, membershipMigrate, requiredTestEnv } from './repository-paths.js';

const run = promisify(execFile);

/** Delays of membership's retry queues, in milliseconds, as its consumer declares them. */
const RETRY_DELAYS_MS = [1000, 5000, 30000, 120000];

export interface MembershipProcess {
  baseUrl: string;
  /** URL of the process's own database, for tests and benchmarks that load data directly. */
  databaseUrl: string;
  service: ChildService;
  close(): Promise<void>;
}

export interface MembershipProcessOptions {
  /** Identity's base URL; membership reads its JWKS from there. */
  identityUrl: string;
  /** The topic exchange identity publishes its events to. */
  exchange: string;
}

/**
 * Migrates a new database and starts `services/membership/dist/src/main.js` on a free port,
 * verifying tokens against identity's JWKS and consuming identity's events from `exchange`.
 */
export async function startMembershipProcess(
  options: MembershipProcessOptions,
): Promise<MembershipProcess> {
  const database = await createTestDatabase();
  const photoDir = mkdtempSync(join(tmpdir(), 'gateway-membership-photos-'));
  const queuePrefix = `${uniqueName('gateway-membership')}.`;
  const port = await freePort();
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: String(port),
    LOG_LEVEL: 'info',
    DATABASE_URL: database.url,
    AMQP_URL: requiredTestEnv('TEST_AMQP_URL'),
    AMQP_EVENTS_EXCHANGE: options.exchange,
    AMQP_QUEUE_PREFIX: queuePrefix,
    JWKS_URL: new URL('/.well-known/jwks.json', options.identityUrl).href,
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    PHOTO_STORAGE_DIR: photoDir,
    JOBS_ENABLED: 'false',
    SHUTDOWN_DRAIN_MS: '10',
    OTEL_SDK_DISABLED: 'true',
  };

  await run(process.execPath, [membershipMigrate], { env: { ...process.env, ...env } });
  const service = new ChildService('membership', ['--enable-source-maps', membershipMain], env);
  const baseUrl = `http://127.0.0.1:${port}`;
  service.start();
  await waitUntilReady(baseUrl, service);

  return {
    baseUrl,
    databaseUrl: database.url,
    service,
    close: async () => {
      await service.stop();
      await database.drop();
      const queue = `${queuePrefix}membership.events`;
      await deleteBrokerNames(env.AMQP_URL!, {
        exchanges: [`${options.exchange}.rpc`, `${queue}.dlx`],
        queues: [
          queue,
          `${queue}.dlq`,
          ...RETRY_DELAYS_MS.map((delay) => `${queue}.retry.${delay}ms`),
          `${queuePrefix}membership.rpc`,
        ],
      }).catch(() => undefined);
      rmSync(photoDir, { recursive: true, force: true });
    },
  };
}
