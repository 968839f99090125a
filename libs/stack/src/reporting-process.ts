import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { startNestServiceProcess, type NestServiceProcess } from './nest-service-process.js';
import { reportingMain, reportingMigrate, reportingRebuild } from './repository-paths.js';

const run = promisify(execFile);

export interface ReportingProcess extends NestServiceProcess {
  /** Runs `npm run rebuild` of reporting (its compiled script) and returns its standard output. */
  rebuild(tenantId?: string): Promise<string>;
  /** Runs SQL against reporting's database, as an operator would. */
  query(sql: string): Promise<void>;
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
  const reporting = await startNestServiceProcess({
    name: 'reporting',
    main: reportingMain,
    migrate: reportingMigrate,
    ...options,
  });
  return {
    ...reporting,
    rebuild: async (tenantId) => {
      const args = tenantId ? ['--tenant', tenantId] : [];
      const { stdout } = await run(process.execPath, [reportingRebuild, ...args], {
        env: { ...process.env, ...reporting.env },
      });
      return stdout;
    },
    query: async (sql) => {
      const client = new pg.Client({ connectionString: reporting.databaseUrl });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    },
  };
}
