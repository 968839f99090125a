import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { createTestDatabase, deleteBrokerNames, freePort, uniqueName } from '@gym/testing';
import { ChildService } from './child-service.js';
import { TEST_AUDIENCE, TEST_ISSUER } from './identity-process.js';
import {
  reportingMain,
  reportingMigrate,
  reportingRebuild,
  requiredTestEnv,
} from './repository-paths.js';

const run = promisify(execFile);

/** Delays of reporting's retry queues, in milliseconds, as its consumer declares them. */
const RETRY_DELAYS_MS = [1000, 5000, 30000, 120000];

export interface ReportingProcess {
  baseUrl: string;
  service: ChildService;
  /** Runs `npm run rebuild` of reporting (its compiled script) and returns its standard output. */
  rebuild(tenantId?: string): Promise<string>;
  /** Runs SQL against reporting's database, as an operator would. */
  query(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface ReportingProcessOptions {
  /** Identity's base URL; reporting reads its JWKS from there. */
  identityUrl: string;
  /** The topic exchange the owners publish their events to. */
  exchange: string;
}

/**
 * Migrates a new database and starts `services/reporting/dist/src/main.js` on a free port,
 * verifying tokens against identity's JWKS and consuming the owners' events from `exchange`.
 */
export async function startReportingProcess(
  options: ReportingProcessOptions,
): Promise<ReportingProcess> {
  const database = await createTestDatabase();
  const queuePrefix = `${uniqueName('gateway-reporting')}.`;
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
  const childEnv = { ...process.env, ...env };

  await run(process.execPath, [reportingMigrate], { env: childEnv });
  const service = new ChildService('reporting', ['--enable-source-maps', reportingMain], env);
  const baseUrl = `http://127.0.0.1:${port}`;
  service.start();
  await service.waitUntilReady(baseUrl);

  return {
    baseUrl,
    service,
    rebuild: async (tenantId) => {
      const args = tenantId ? ['--tenant', tenantId] : [];
      const { stdout } = await run(process.execPath, [reportingRebuild, ...args], {
        env: childEnv,
      });
      return stdout;
    },
    query: async (sql) => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    },
    close: async () => {
      await service.stop();
      await database.drop();
      const queue = `${queuePrefix}reporting.events`;
      await deleteBrokerNames(env.AMQP_URL!, {
        exchanges: [`${queue}.dlx`],
        queues: [
          queue,
          `${queue}.dlq`,
          ...RETRY_DELAYS_MS.map((delay) => `${queue}.retry.${delay}ms`),
        ],
      }).catch(() => undefined);
    },
  };
}
