import { execFile, spawn, type ChildProcess } from 'node:child_process';
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
import { platformProcesses, repositoryPath, type PlatformProcess } from './repository.js';

const run = promisify(execFile);

/** Delays of the services' retry queues in milliseconds, the messaging library's default. */
const RETRY_DELAYS_MS = [1000, 5000, 30000, 120000];

export interface RunningProcess extends PlatformProcess {
  baseUrl: string;
  port: number;
  output: string[];
}

export interface LocalStack {
  processes: RunningProcess[];
  gateway: RunningProcess;
  smtp: TestSmtpServer;
  /** Variables every process got, among them DATABASE_URL, AMQP_URL and AMQP_QUEUE_PREFIX. */
  env: Readonly<Record<string, string>>;
  /** Sends `signal` to the named process and waits until it exited. */
  kill(name: string, signal: NodeJS.Signals): Promise<void>;
  /** Starts the named, exited process again on its port and waits until it is ready. */
  restart(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface LocalStackOptions {
  /** OTLP/HTTP endpoint the processes export their spans to. */
  otlpEndpoint?: string;
  /** PostgreSQL server the stack's database is created on; TEST_DATABASE_URL by default. */
  databaseServerUrl?: string;
  /** RabbitMQ the processes connect to; TEST_AMQP_URL by default. */
  amqpUrl?: string;
  /** Settings added to every process's environment, such as the gateway's rate limits. */
  env?: Record<string, string>;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set (scripts/test.mjs loads test.env)`);
  return value;
}

/**
 * Starts every process of scripts/services.mjs as `npm start` does (tracing preload, migrations
 * first, in list order, each ready before the next), on free ports, with a database, broker
 * names, Redis prefix, signing key and SMTP server of its own.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const entries = await platformProcesses();
  const database = await createTestDatabase(options.databaseServerUrl);
  const smtp = await startTestSmtpServer();
  const workDir = mkdtempSync(join(tmpdir(), 'gym-stack-'));
  const keyId = 'stack-1';
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  writeFileSync(join(workDir, `${keyId}.pem`), privateKey.export({ type: 'pkcs8', format: 'pem' }));

  const exchange = uniqueName('stack-events');
  const queuePrefix = `${uniqueName('stack')}.`;
  const redisPrefix = `${uniqueName('stack')}:`;
  const ports = new Map<string, number>();
  for (const entry of entries) ports.set(entry.name, await freePort());

  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    DATABASE_URL: database.url,
    AMQP_URL: options.amqpUrl ?? requiredEnv('TEST_AMQP_URL'),
    AMQP_EVENTS_EXCHANGE: exchange,
    AMQP_QUEUE_PREFIX: queuePrefix,
    REDIS_URL: requiredEnv('TEST_REDIS_URL'),
    REDIS_KEY_PREFIX: redisPrefix,
    JWT_ISSUER: 'http://identity.stack.test',
    JWT_AUDIENCE: 'gym-api',
    JWT_SIGNING_KEYS_DIR: workDir,
    JWT_ACTIVE_KEY_ID: keyId,
    CODE_HASH_SECRET: randomBytes(32).toString('hex'),
    MAIL_TRANSPORT: 'smtp',
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAIL_FROM: 'Gym Platform <no-reply@gym.test>',
    PHOTO_STORAGE_DIR: join(workDir, 'photos'),
    SHUTDOWN_DRAIN_MS: '10',
    OTEL_BSP_SCHEDULE_DELAY: '200',
    ...(options.otlpEndpoint ? { OTEL_EXPORTER_OTLP_ENDPOINT: options.otlpEndpoint } : {}),
    ...options.env,
  };
  // Each process finds the others through <NAME>_PORT and <NAME>_URL, as in .env.example.
  for (const entry of entries) {
    const port = ports.get(entry.name)!;
    env[entry.portVariable] = String(port);
    env[`${entry.name.toUpperCase()}_URL`] = `http://127.0.0.1:${port}`;
  }
  env.JWKS_URL = `${env.IDENTITY_URL}/.well-known/jwks.json`;

  const children = new Map<string, ChildProcess>();
  const processes: RunningProcess[] = [];
  const close = async () => {
    await Promise.all([...children.values()].map(stopChild));
    await smtp.close();
    await database.drop();
    await deleteBrokerNames(env.AMQP_URL!, brokerNames(entries, exchange, queuePrefix)).catch(
      () => undefined,
    );
    await flushRedisPrefix(env.REDIS_URL!, redisPrefix);
    rmSync(workDir, { recursive: true, force: true });
  };

  const launch = async (running: RunningProcess) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        repositoryPath('libs/telemetry/dist/src/register.js'),
        repositoryPath(running.dir, 'dist/src/main.js'),
      ],
      {
        env: {
          ...process.env,
          ...env,
          PORT: String(running.port),
          OTEL_SERVICE_NAME: running.name,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.set(running.name, child);
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk: Buffer) => running.output.push(chunk.toString()));
    }
    await waitUntilReady(running, child);
  };

  try {
    for (const entry of entries.filter((item) => item.migrations !== false)) {
      await run(process.execPath, [repositoryPath(entry.dir, 'dist/src/migrate.js')], {
        env: { ...process.env, ...env },
      });
    }
    for (const entry of entries) {
      const port = ports.get(entry.name)!;
      const running = { ...entry, port, baseUrl: `http://127.0.0.1:${port}`, output: [] };
      await launch(running);
      processes.push(running);
    }
  } catch (error) {
    await close();
    throw error;
  }

  const find = (name: string) => {
    const running = processes.find((item) => item.name === name);
    if (!running) throw new Error(`No process named ${name} in the stack`);
    return running;
  };
  const kill = async (name: string, signal: NodeJS.Signals) => {
    const child = children.get(find(name).name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };
  const restart = (name: string) => launch(find(name));

  return {
    processes,
    gateway: find('gateway'),
    smtp,
    env,
    kill,
    restart,
    close,
  };
}

function brokerNames(entries: PlatformProcess[], exchange: string, queuePrefix: string) {
  const queues: string[] = [];
  const exchanges = [exchange, `${exchange}.rpc`];
  for (const { name } of entries) {
    const queue = `${queuePrefix}${name}.events`;
    queues.push(queue, `${queue}.dlq`, `${queuePrefix}${name}.rpc`);
    queues.push(...RETRY_DELAYS_MS.map((delay) => `${queue}.retry.${delay}ms`));
    exchanges.push(`${queue}.dlx`);
  }
  return { queues, exchanges };
}

async function waitUntilReady(target: RunningProcess, child: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${target.name} exited during startup:\n${target.output.join('')}`);
    }
    try {
      if ((await fetch(`${target.baseUrl}/health/ready`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `${target.name} was not ready within ${timeoutMs} ms:\n${target.output.join('')}`,
  );
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
