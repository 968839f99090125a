import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'amqplib';

/** A private RabbitMQ node for tests that stop and restart the broker. */
export interface RabbitMqInstance {
  /** AMQP URL of the node, with the default guest account. */
  url: string;
  /** AMQP port, kept across stop() and start(). */
  port: number;
  /** Stops the node and keeps its data folder, so start() brings back its durable queues. */
  stop(): Promise<void>;
  /** Starts the stopped node again on the same port and waits until AMQP accepts a connection. */
  start(): Promise<void>;
  /** Stops the node and removes its data folder. */
  close(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;
const SHUTDOWN_TIMEOUT_MS = 30_000;
const OUTPUT_TAIL_CHARS = 4_000;

function findServerScript(): string {
  const packaged = '/usr/lib/rabbitmq/bin/rabbitmq-server';
  if (existsSync(packaged)) return packaged;

  try {
    return execFileSync('which', ['rabbitmq-server'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('rabbitmq-server not found: install the rabbitmq-server package to run broker restart tests');
  }
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function canConnect(url: string): Promise<boolean> {
  try {
    const connection = await connect(url);
    await connection.close();
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a RabbitMQ node of its own: its own node name, AMQP and distribution ports on 127.0.0.1,
 * data and log folders in a temporary folder, no plugins, and none of the machine's broker config.
 */
export async function startRabbitMqInstance(): Promise<RabbitMqInstance> {
  const script = findServerScript();
  const folder = await mkdtemp(join(tmpdir(), 'gym-rabbitmq-'));
  const port = await findFreePort();
  const distributionPort = await findFreePort();
  const nodeName = `gymtest-${randomBytes(4).toString('hex')}@localhost`;
  const url = `amqp://guest:guest@127.0.0.1:${port}`;

  // Empty files replace the machine's /etc/rabbitmq config, whose listener would clash on 5672.
  await writeFile(join(folder, 'rabbitmq.conf'), '');
  await writeFile(join(folder, 'rabbitmq-env.conf'), '');
  await writeFile(join(folder, 'enabled_plugins'), '[].\n');

  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    RABBITMQ_NODENAME: nodeName,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distributionPort),
    RABBITMQ_MNESIA_BASE: join(folder, 'mnesia'),
    RABBITMQ_LOG_BASE: join(folder, 'log'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(folder, 'enabled_plugins'),
    RABBITMQ_CONFIG_FILE: join(folder, 'rabbitmq.conf'),
    RABBITMQ_CONF_ENV_FILE: join(folder, 'rabbitmq-env.conf'),
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
    ERL_EPMD_ADDRESS: '127.0.0.1',
  };

  let server: ChildProcess | undefined;
  let output = '';
  let exited: Promise<void> = Promise.resolve();

  async function start(): Promise<void> {
    if (server) return;

    output = '';
    const child = spawn(script, [], { env: environment, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const keepTail = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout?.on('data', keepTail);
    child.stderr?.on('data', keepTail);

    let hasExited = false;
    void exited.then(() => {
      hasExited = true;
      if (server === child) server = undefined;
    });

    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (hasExited) {
        throw new Error(`rabbitmq-server ${nodeName} exited during startup. Output:\n${output}`);
      }
      if (await canConnect(url)) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    await stop();
    throw new Error(`rabbitmq-server ${nodeName} did not accept AMQP connections on port ${port} within ${STARTUP_TIMEOUT_MS} ms. Output:\n${output}`);
  }

  async function stop(): Promise<void> {
    const child = server;
    if (!child || child.pid === undefined) return;

    // The script traps SIGTERM, stops the Erlang VM it runs as a child and waits for it.
    // A node that hangs is killed with its whole process group.
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, SHUTDOWN_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
    server = undefined;
  }

  async function close(): Promise<void> {
    await stop();
    await rm(folder, { recursive: true, force: true });
  }

  try {
    await start();
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }

  return { url, port, stop, start, close };
}
