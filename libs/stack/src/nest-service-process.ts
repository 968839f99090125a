import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createTestDatabase, deleteBrokerNames, freePort, uniqueName } from '@gym/testing';
import { ChildService } from './child-service.js';
import { TEST_AUDIENCE, TEST_ISSUER } from './identity-process.js';
import { requiredTestEnv } from './repository-paths.js';
import { sdkDisabled, serviceArguments } from './service-tracing.js';

const run = promisify(execFile);

/** Delays of the services' retry queues, in milliseconds, as their event consumers declare them. */
const RETRY_DELAYS_MS = [1000, 5000, 30000, 120000];

/** A NestJS service of the platform that verifies identity's tokens and consumes events. */
export interface NestServiceSpec {
  /** The service name, which its queue names start with. */
  name: string;
  /** Compiled `main.js` and `migrate.js` of the service. */
  main: string;
  migrate: string;
  /** Identity's base URL; the service reads its JWKS from there. */
  identityUrl: string;
  /** The topic exchange the services publish their events to. */
  exchange: string;
  /** Settings of this service on top of the common ones. */
  env?: Record<string, string>;
  /** Exchanges the service declares besides its dead-letter exchange, deleted on close. */
  exchanges?: string[];
}

export interface NestServiceProcess {
  baseUrl: string;
  /** URL of the process's own database, for tests and benchmarks that load data directly. */
  databaseUrl: string;
  service: ChildService;
  /** The process's environment on top of the parent's, for commands run against its database. */
  env: Record<string, string>;
  /** Stops the process, drops its database and deletes its queues and exchanges. */
  close(): Promise<void>;
}

/** Migrates a new database and starts the service on a free port of 127.0.0.1 until it is ready. */
export async function startNestServiceProcess(spec: NestServiceSpec): Promise<NestServiceProcess> {
  const database = await createTestDatabase();
  const queuePrefix = `${uniqueName(`gateway-${spec.name}`)}.`;
  const port = await freePort();
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: String(port),
    LOG_LEVEL: 'info',
    DATABASE_URL: database.url,
    AMQP_URL: requiredTestEnv('TEST_AMQP_URL'),
    AMQP_EVENTS_EXCHANGE: spec.exchange,
    AMQP_QUEUE_PREFIX: queuePrefix,
    JWKS_URL: new URL('/.well-known/jwks.json', spec.identityUrl).href,
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    SHUTDOWN_DRAIN_MS: '10',
    OTEL_SDK_DISABLED: sdkDisabled(),
    OTEL_SERVICE_NAME: spec.name,
    ...spec.env,
  };

  await run(process.execPath, [spec.migrate], { env: { ...process.env, ...env } });
  const service = new ChildService(spec.name, serviceArguments(spec.main), env);
  const baseUrl = `http://127.0.0.1:${port}`;
  service.start();
  await service.waitUntilReady(baseUrl);

  return {
    baseUrl,
    databaseUrl: database.url,
    service,
    env,
    close: async () => {
      await service.stop();
      await database.drop();
      const queue = `${queuePrefix}${spec.name}.events`;
      await deleteBrokerNames(env.AMQP_URL!, {
        exchanges: [...(spec.exchanges ?? []), `${queue}.dlx`],
        queues: [
          queue,
          `${queue}.dlq`,
          ...RETRY_DELAYS_MS.map((delay) => `${queue}.retry.${delay}ms`),
          `${queuePrefix}${spec.name}.rpc`,
        ],
      }).catch(() => undefined);
    },
  };
}
