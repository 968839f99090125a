import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  createTestDatabase,
  deleteBrokerNames,
  flushRedisPrefix,
  freePort,
  startTestSmtpServer,
  uniqueName,
  type TestSmtpServer,
} from '@gym/testing';
import { ChildService } from './child-service.js';
import { identityMain, identityMigrate, requiredTestEnv } from './repository-paths.js';
import { sdkDisabled, serviceArguments } from './service-tracing.js';

const run = promisify(execFile);

export const TEST_ISSUER = 'http://identity.test';
export const TEST_AUDIENCE = 'gym-api';
export const TEST_KEY_ID = 'test-1';

/** Identity as a child process with its own database, broker names, Redis prefix and SMTP server. */
export interface IdentityProcess {
  baseUrl: string;
  smtp: TestSmtpServer;
  service: ChildService;
  /** Folder of the signing key `<kid>.pem`, for tests that sign tokens themselves. */
  keysDir: string;
  /** Starts identity again on the same port and waits until it is ready. */
  start(): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Migrates a new database and starts `services/identity/dist/src/main.js` on a free port with
 * LOG_LEVEL=debug unless `logLevel` says otherwise, so each request is logged with its request id.
 */
export async function startIdentityProcess(
  options: {
    exchange?: string;
    logLevel?: string;
    /** Writes mails as files into this folder, as under `npm start`, instead of sending them. */
    mailDir?: string;
  } = {},
): Promise<IdentityProcess> {
  const database = await createTestDatabase();
  const smtp = await startTestSmtpServer();
  const keysDir = mkdtempSync(join(tmpdir(), 'gateway-identity-keys-'));
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  writeFileSync(
    join(keysDir, `${TEST_KEY_ID}.pem`),
    privateKey.export({ type: 'pkcs8', format: 'pem' }),
  );

  const exchange = options.exchange ?? uniqueName('gateway-identity-events');
  const queuePrefix = `${uniqueName('gateway-identity')}.`;
  const redisPrefix = `${uniqueName('gateway-identity')}:`;
  const port = await freePort();
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: String(port),
    LOG_LEVEL: options.logLevel ?? 'debug',
    DATABASE_URL: database.url,
    AMQP_URL: requiredTestEnv('TEST_AMQP_URL'),
    AMQP_EVENTS_EXCHANGE: exchange,
    AMQP_QUEUE_PREFIX: queuePrefix,
    REDIS_URL: requiredTestEnv('TEST_REDIS_URL'),
    REDIS_KEY_PREFIX: redisPrefix,
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    JWT_SIGNING_KEYS_DIR: keysDir,
    JWT_ACTIVE_KEY_ID: TEST_KEY_ID,
    CODE_HASH_SECRET: randomBytes(32).toString('hex'),
    ...(options.mailDir
      ? { MAIL_TRANSPORT: 'file', MAIL_DIR: options.mailDir }
      : { MAIL_TRANSPORT: 'smtp', SMTP_URL: `smtp://127.0.0.1:${smtp.port}` }),
    MAIL_FROM: 'Gym Platform <no-reply@gym.test>',
    SHUTDOWN_DRAIN_MS: '10',
    OTEL_SDK_DISABLED: sdkDisabled(),
    OTEL_SERVICE_NAME: 'identity',
  };

  await run(process.execPath, [identityMigrate], { env: { ...process.env, ...env } });
  const service = new ChildService('identity', serviceArguments(identityMain), env);
  const baseUrl = `http://127.0.0.1:${port}`;

  const start = async () => {
    service.start();
    await service.waitUntilReady(baseUrl);
  };
  await start();

  return {
    baseUrl,
    smtp,
    service,
    keysDir,
    start,
    stop: () => service.stop(),
    close: async () => {
      await service.stop();
      await smtp.close();
      await database.drop();
      await deleteBrokerNames(env.AMQP_URL!, {
        exchanges: [exchange, `${exchange}.rpc`],
        queues: [
          `${queuePrefix}identity.events`,
          `${queuePrefix}identity.events.dlq`,
          `${queuePrefix}identity.rpc`,
        ],
      }).catch(() => undefined);
      await flushRedisPrefix(env.REDIS_URL!, redisPrefix);
      rmSync(keysDir, { recursive: true, force: true });
    },
  };
}
