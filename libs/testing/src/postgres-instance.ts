import { execFile, execFileSync } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port.js';

const run = promisify(execFile);

/** A private PostgreSQL server for tests that restart the database. */
export interface PostgresInstance {
  /** Connection URL of the `postgres` database as the `postgres` superuser, trust auth. */
  url: string;
  port: number;
  /** Runs `pg_ctl restart -m fast`: open connections are cut, the data stays. */
  restart(): Promise<void>;
  /** Stops the server and removes its data folder. */
  close(): Promise<void>;
}

const BIN_DIR = process.env.POSTGRES_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
const STARTUP_TIMEOUT_SECONDS = 120;

interface Account {
  uid?: number;
  gid?: number;
}

/** initdb refuses to run as root, so a root test runs the server as the `postgres` account. */
function serverAccount(): Account {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
  return { uid: id('-u'), gid: id('-g') };
}

async function canQuery(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates a cluster in a temporary folder with initdb (trust auth) and starts it with pg_ctl on a
 * free port of 127.0.0.1, its socket in the same folder.
 */
export async function startPostgresInstance(): Promise<PostgresInstance> {
  const folder = await mkdtemp(join(tmpdir(), 'gym-postgres-'));
  const dataDir = join(folder, 'data');
  const logFile = join(folder, 'server.log');
  const account = serverAccount();
  if (account.uid !== undefined) await chown(folder, account.uid, account.gid!);
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const options = { ...account, env: { ...process.env, LC_ALL: 'C.UTF-8' } };
  const pgCtl = (...args: string[]) =>
    run(
      join(BIN_DIR, 'pg_ctl'),
      ['-D', dataDir, '-w', '-t', String(STARTUP_TIMEOUT_SECONDS), ...args],
      options,
    );

  await run(
    join(BIN_DIR, 'initdb'),
    ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync'],
    options,
  );
  const serverOptions = `-p ${port} -h 127.0.0.1 -k ${folder} -c fsync=off -c max_connections=200`;
  const start = () => pgCtl('-l', logFile, '-o', serverOptions, 'start');

  try {
    await start();
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }

  let closed = false;
  return {
    url,
    port,
    async restart() {
      await pgCtl('-l', logFile, '-m', 'fast', 'restart');
      if (!(await canQuery(url))) throw new Error(`PostgreSQL on port ${port} did not come back`);
    },
    async close() {
      if (closed) return;
      closed = true;
      await pgCtl('-m', 'immediate', 'stop').catch(() => undefined);
      await rm(folder, { recursive: true, force: true });
    },
  };
}
