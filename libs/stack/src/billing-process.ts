import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createTestDatabase, deleteBrokerNames, freePort, uniqueName } from '@gym/testing';
import { ChildService } from './child-service.js';
import { waitUntilReady } from './ready.js';
import { TEST_AUDIENCE, TEST_ISSUER } from './identity-process.js';
import { billingMain, billingMigrate, billingOps, requiredTestEnv } from './repository-paths.js';

const run = promisify(execFile);

/** Delays of billing's retry queues, in milliseconds, as its consumer declares them. */
const RETRY_DELAYS_MS = [1000, 5000, 30000, 120000];

export interface BillingProcess {
  baseUrl: string;
  /** URL of the process's own database, for tests and benchmarks that load data directly. */
  databaseUrl: string;
  service: ChildService;
  /** Runs billing's `ops set-status`, which publishes the change through billing's outbox. */
  setSubscriptionStatus(tenantId: string, status: string): Promise<void>;
  close(): Promise<void>;
}

export interface BillingProcessOptions {
  /** Identity's base URL; billing reads its JWKS from there. */
  identityUrl: string;
  /** The topic exchange the services publish their events to. */
  exchange: string;
}

/**
 * Migrates a new database and starts `services/billing/dist/src/main.js` on a free port,
 * verifying tokens against identity's JWKS and consuming identity's and membership's events from
 * `exchange`. The subscription job is off, so only `setSubscriptionStatus` changes a status.
 */
export async function startBillingProcess(options: BillingProcessOptions): Promise<BillingProcess> {
  const database = await createTestDatabase();
  const queuePrefix = `${uniqueName('gateway-billing')}.`;
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
    JOBS_ENABLED: 'false',
    SHUTDOWN_DRAIN_MS: '10',
    OTEL_SDK_DISABLED: 'true',
  };
  const childEnv = { ...process.env, ...env };

  await run(process.execPath, [billingMigrate], { env: childEnv });
  const service = new ChildService('billing', ['--enable-source-maps', billingMain], env);
  const baseUrl = `http://127.0.0.1:${port}`;
  service.start();
  await waitUntilReady(baseUrl, service);

  return {
    baseUrl,
    databaseUrl: database.url,
    service,
    setSubscriptionStatus: async (tenantId, status) => {
      await run(process.execPath, [billingOps, 'set-status', tenantId, status], { env: childEnv });
    },
    close: async () => {
      await service.stop();
      await database.drop();
      const queue = `${queuePrefix}billing.events`;
      await deleteBrokerNames(env.AMQP_URL!, {
        exchanges: [`${queue}.dlx`],
        queues: [
          queue,
          `${queue}.dlq`,
          ...RETRY_DELAYS_MS.map((delay) => `${queue}.retry.${delay}ms`),
          `${queuePrefix}billing.rpc`,
        ],
      }).catch(() => undefined);
    },
  };
}
