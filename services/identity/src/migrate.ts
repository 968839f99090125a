import { loadConfigOrExit } from '@gym/config';
import { createLogger } from '@gym/logging';
import { migrateConfigSchema } from './config.js';
import { identityDataSourceOptions } from './database/data-source-options.js';
import { runMigrations } from '@gym/database';
import { IDENTITY_SCHEMA } from './database/schema.js';

const config = loadConfigOrExit(migrateConfigSchema);
const logger = createLogger({ serviceName: 'identity-migrate', level: config.LOG_LEVEL });

try {
  await runMigrations(identityDataSourceOptions(config), IDENTITY_SCHEMA, logger);
} catch (error) {
  logger.fatal({ err: error }, 'Migration failed');
  process.exitCode = 1;
}
