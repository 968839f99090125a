import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@gym/testing';

const run = promisify(execFile);

/** One single-row INSERT per transaction, shaped like a payment row. */
const INSERT_SCRIPT = `INSERT INTO bench_payment (tenant_id, member_id, amount, method, paid_on)
VALUES (gen_random_uuid(), gen_random_uuid(), 450.00, 'CASH', current_date);
`;

export const PGBENCH_MISSING =
  'pgbench was not found on PATH. On Debian or Ubuntu it comes with the PostgreSQL client: ' +
  '`apt-get install postgresql-client` (or `postgresql-contrib` on the database host).';

/** A database of its own with one payment-shaped table, for pgbench's insert baseline. */
export interface InsertBaseline {
  /** Runs pgbench for `seconds` with `clients` connections; returns transactions per second. */
  measure(seconds: number, clients: number): Promise<number>;
  close(): Promise<void>;
}

export async function prepareInsertBaseline(): Promise<InsertBaseline> {
  await run('pgbench', ['--version']).catch(() => {
    throw new Error(PGBENCH_MISSING);
  });
  const database: TestDatabase = await createTestDatabase();
  const folder = mkdtempSync(join(tmpdir(), 'bench-pgbench-'));
  const scriptFile = join(folder, 'insert.sql');
  writeFileSync(scriptFile, INSERT_SCRIPT);

  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE bench_payment (
      id bigserial PRIMARY KEY,
      tenant_id uuid NOT NULL,
      member_id uuid NOT NULL,
      amount numeric(12, 2) NOT NULL,
      method text NOT NULL,
      paid_on date NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
  } finally {
    await client.end();
  }

  return {
    measure: async (seconds, clients) => {
      const { stdout } = await run('pgbench', [
        '--no-vacuum',
        `--file=${scriptFile}`,
        `--client=${clients}`,
        '--jobs=2',
        `--time=${seconds}`,
        database.url,
      ]);
      const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
      if (!tps) throw new Error(`pgbench printed no tps line:\n${stdout}`);
      return Number(tps[1]);
    },
    close: async () => {
      await database.drop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
