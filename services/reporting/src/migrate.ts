import { loadConfigOrExit } from '@gym/config';
import { runMigrations } from '@gym/database';
import { createLogger } from '@gym/logging';
import { databaseConfigSchema } from './config.js';
import { reportingDataSourceOptions } from './database/data-source-options.js';
import { REPORTING_SCHEMA } from './database/schema.js';

const config = loadConfigOrExit(databaseConfigSchema);
const logger = createLogger({ serviceName: 'reporting-migrate', level: config.LOG_LEVEL });

try {
  await runMigrations(reportingDataSourceOptions(config), REPORTING_SCHEMA, logger);
} catch (error) {
  logger.fatal({ err: error }, 'Migration failed');
  process.exitCode = 1;
}
