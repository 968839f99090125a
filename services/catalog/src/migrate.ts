import { loadConfigOrExit } from '@gym/config';
import { createLogger } from '@gym/logging';
import { databaseConfigSchema } from './config.js';
import { catalogDataSourceOptions } from './database/data-source-options.js';
import { runMigrations } from '@gym/database';
import { CATALOG_SCHEMA } from './database/schema.js';

const config = loadConfigOrExit(databaseConfigSchema);
const logger = createLogger({ serviceName: 'catalog-migrate', level: config.LOG_LEVEL });

try {
  await runMigrations(catalogDataSourceOptions(config), CATALOG_SCHEMA, logger);
} catch (error) {
  logger.fatal({ err: error }, 'Migration failed');
  process.exitCode = 1;
}
