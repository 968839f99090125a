import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { connect } from 'amqplib';
import { freePort } from './free-port.js';

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
  /**
   * Runs `rabbitmqctl` with `args` against the running node, with the node's name and Erlang
   * cookie, and returns its standard output. Rejects with the tool's output when it fails.
   */
  rabbitmqctl(args: string[]): Promise<string>;
  /** Stops the node and removes its data folder. */
  close(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;
const SHUTDOWN_TIMEOUT_MS = 30_000;
const OUTPUT_TAIL_CHARS = 4_000;
const CTL_TIMEOUT_MS = 60_000;

const execFileAsync = promisify(execFile);

function findServerScript(): string {
  const packaged = '/usr/lib/rabbitmq/bin/rabbitmq-server';
  if (existsSync(packaged)) return packaged;

  try {
    return execFileSync('which', ['rabbitmq-server'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      'rabbitmq-server not found: install the rabbitmq-server package to run broker restart tests',
    );
  }
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

interface NodeSettings {
  script: string;
  folder: string;
  nodeName: string;
  port: number;
  url: string;
  environment: NodeJS.ProcessEnv;
}

async function prepareNode(): Promise<NodeSettings> {
  const folder = await mkdtemp(join(tmpdir(), 'gym-rabbitmq-'));
  const port = await freePort();
  const distributionPort = await freePort();
  const nodeName = `gymtest-${randomBytes(4).toString('hex')}@localhost`;

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
    // Erlang writes its distribution cookie to $HOME, so the node keeps it inside its folder.
    HOME: folder,
  };

  const url = `amqp://guest:guest@127.0.0.1:${port}`;
  return { script: findServerScript(), folder, nodeName, port, url, environment };
}

class PrivateRabbitMqNode {
  private server: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private output = '';

  constructor(private readonly settings: NodeSettings) {}

  async start(): Promise<void> {
    if (this.server) return;

    const child = this.spawnServer();
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `rabbitmq-server ${this.settings.nodeName} exited during startup. Output:\n${this.output}`,
        );
      }
      if (await canConnect(this.settings.url)) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    await this.stop();
    throw new Error(
      `rabbitmq-server ${this.settings.nodeName} startup timed out after ${STARTUP_TIMEOUT_MS} ms: AMQP on port ${this.settings.port} accepted no connection. Output:\n${this.output}`,
    );
  }

  async stop(): Promise<void> {
    const child = this.server;
    if (!child || child.pid === undefined) return;

    // The script traps SIGTERM, stops the Erlang VM it runs as a child and waits for it.
    // A node that hangs is killed with its whole process group.
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, SHUTDOWN_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }

  async close(): Promise<void> {
    await this.stop();
    await rm(this.settings.folder, { recursive: true, force: true });
  }

  async rabbitmqctl(args: string[]): Promise<string> {
    // rabbitmqctl sits next to rabbitmq-server and reads the node name and the cookie in $HOME
    // from the same environment.
    const tool = join(dirname(this.settings.script), 'rabbitmqctl');
    try {
      const { stdout } = await execFileAsync(tool, ['-n', this.settings.nodeName, ...args], {
        env: this.settings.environment,
        timeout: CTL_TIMEOUT_MS,
      });
      return stdout;
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(
        `rabbitmqctl ${args.join(' ')} failed on ${this.settings.nodeName}: ${stderr}${stdout}`,
        { cause: error },
      );
    }
  }

  private spawnServer(): ChildProcess {
    this.output = '';
    const child = spawn(this.settings.script, [], {
      env: this.settings.environment,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.server = child;
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        if (this.server === child) this.server = undefined;
        resolve();
      }),
    );

    const keepTail = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout?.on('data', keepTail);
    child.stderr?.on('data', keepTail);
    return child;
  }
}

/**
 * Starts a RabbitMQ node of its own: its own node name, AMQP and distribution ports on 127.0.0.1,
 * data and log folders in a temporary folder, no plugins, and none of the machine's broker config.
 */
export async function startRabbitMqInstance(): Promise<RabbitMqInstance> {
  const settings = await prepareNode();
  const node = new PrivateRabbitMqNode(settings);

  try {
    await node.start();
  } catch (error) {
    await node.close();
    throw error;
  }

  return {
    url: settings.url,
    port: settings.port,
    start: () => node.start(),
    stop: () => node.stop(),
    rabbitmqctl: (args) => node.rabbitmqctl(args),
    close: () => node.close(),
  };
}
