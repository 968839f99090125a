import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { loadConfigOrExit } from '@gym/config';
import { createLogger } from '@gym/logging';
import { isCalendarDate } from './common/business-date.js';
import { databaseConfigSchema } from './config.js';
import { membershipDataSourceOptions } from './database/data-source-options.js';
import { dailyJobNames, runDailyJob, type DailyJobName } from './jobs/daily-jobs.js';
import type { JobMoment } from './jobs/tenant-dates.js';

const usage = `Usage: npm run job -w @gym/membership -- <${dailyJobNames.join('|')}|all> [--date YYYY-MM-DD]
  Runs a daily job once. With --date every tenant is evaluated on that business date; without it
  each tenant on its own current date. Events go to the outbox, which a running membership
  service publishes.`;

/** Exit status for a command line error (EX_USAGE). */
const EXIT_USAGE = 64;

function parseCommand(): { jobs: DailyJobName[]; moment: JobMoment } {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { date: { type: 'string' } },
  });
  const [name, ...extra] = positionals;
  const known = name === 'all' || dailyJobNames.includes(name as DailyJobName);
  if (
    !name ||
    !known ||
    extra.length > 0 ||
    (values.date !== undefined && !isCalendarDate(values.date))
  ) {
    throw new Error(usage);
  }
  return {
    jobs: name === 'all' ? [...dailyJobNames] : [name as DailyJobName],
    moment: values.date ? { date: values.date } : { at: new Date() },
  };
}

let command: ReturnType<typeof parseCommand>;
try {
  command = parseCommand();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(EXIT_USAGE);
}

const config = loadConfigOrExit(databaseConfigSchema);
const logger = createLogger({ serviceName: 'membership-job', level: config.LOG_LEVEL });
const dataSource = new DataSource(membershipDataSourceOptions(config));

try {
  await dataSource.initialize();
  for (const job of command.jobs) {
    const outcome = await runDailyJob(dataSource, logger, job, command.moment);
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
    if (!outcome.skipped && outcome.failed > 0) process.exitCode = 1;
  }
} catch (error) {
  logger.fatal({ err: error }, 'Daily job failed');
  process.exitCode = 1;
} finally {
  await dataSource.destroy().catch(() => undefined);
}
