import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createTestDatabase, deleteBrokerNames, freePort, uniqueName } from '@gym/testing';
import { ChildService } from './child-service.js';
import { waitUntilReady } from './ready.js';
import { TEST_AUDIENCE, TEST_ISSUER } from './identity-process.js';
import { catalogMain, catalogMigrate, requiredTestEnv } from './repository-paths.js';

const run = promisify(execFile);

/** Delays of catalog's retry queues, in milliseconds, as its consumer declares them. */
const RETRY_DELAYS_MS = [1000, 5000, 30000, 120000];

export interface CatalogProcess {
  baseUrl: string;
  service: ChildService;
  close(): Promise<void>;
}

export interface CatalogProcessOptions {
  /** Identity's base URL; catalog reads its JWKS from there. */
  identityUrl: string;
  /** The topic exchange the services publish their events to; its `.rpc` twin carries billing's month lock RPC. */
  exchange: string;
}

/**
 * Migrates a new database and starts `services/catalog/dist/src/main.js` on a free port,
 * verifying tokens against identity's JWKS, consuming identity's and membership's events from
 * `exchange` and asking billing for month locks over RPC.
 */
export async function startCatalogProcess(options: CatalogProcessOptions): Promise<CatalogProcess> {
  const database = await createTestDatabase();
  const queuePrefix = `${uniqueName('gateway-catalog')}.`;
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
    SHUTDOWN_DRAIN_MS: '10',
    OTEL_SDK_DISABLED: 'true',
  };

  await run(process.execPath, [catalogMigrate], { env: { ...process.env, ...env } });
  const service = new ChildService('catalog', ['--enable-source-maps', catalogMain], env);
  const baseUrl = `http://127.0.0.1:${port}`;
  service.start();
  await waitUntilReady(baseUrl, service);

  return {
    baseUrl,
    service,
    close: async () => {
      await service.stop();
      await database.drop();
      const queue = `${queuePrefix}catalog.events`;
      await deleteBrokerNames(env.AMQP_URL!, {
        exchanges: [`${queue}.dlx`],
        queues: [
          queue,
          `${queue}.dlq`,
          ...RETRY_DELAYS_MS.map((delay) => `${queue}.retry.${delay}ms`),
          `${queuePrefix}catalog.rpc`,
        ],
      }).catch(() => undefined);
    },
  };
}
