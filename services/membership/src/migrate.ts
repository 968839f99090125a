import { loadConfigOrExit } from '@gym/config';
import { createLogger } from '@gym/logging';
import { databaseConfigSchema } from './config.js';
import { membershipDataSourceOptions } from './database/data-source-options.js';
import { runMigrations } from '@gym/database';
import { MEMBERSHIP_EXTENSIONS, MEMBERSHIP_SCHEMA } from './database/schema.js';

const config = loadConfigOrExit(databaseConfigSchema);
const logger = createLogger({ serviceName: 'membership-migrate', level: config.LOG_LEVEL });

try {
  await runMigrations(
    membershipDataSourceOptions(config),
    MEMBERSHIP_SCHEMA,
    logger,
    MEMBERSHIP_EXTENSIONS,
  );
} catch (error) {
  logger.fatal({ err: error }, 'Migration failed');
  process.exitCode = 1;
}
