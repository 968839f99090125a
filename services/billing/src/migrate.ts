import { loadConfigOrExit } from '@gym/config';
import { createLogger } from '@gym/logging';
import { databaseConfigSchema } from './config.js';
import { billingDataSourceOptions } from './database/data-source-options.js';
import { runMigrations } from '@gym/database';
import { BILLING_SCHEMA } from './database/schema.js';

const config = loadConfigOrExit(databaseConfigSchema);
const logger = createLogger({ serviceName: 'billing-migrate', level: config.LOG_LEVEL });

try {
  await runMigrations(billingDataSourceOptions(config), BILLING_SCHEMA, logger);
} catch (error) {
  logger.fatal({ err: error }, 'Migration failed');
  process.exitCode = 1;
}
