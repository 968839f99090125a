import { loadConfigOrExit } from '@gym/config';
import { enableGracefulShutdown } from '@gym/health';
import { NestPinoLogger, createLogger } from '@gym/logging';
import { catalogConfigSchema } from './config.js';
import { createCatalogApp } from './create-app.js';

const config = loadConfigOrExit(catalogConfigSchema);
const logger = createLogger({ serviceName: 'catalog', level: config.LOG_LEVEL });

try {
  const app = await createCatalogApp(config, logger);
  enableGracefulShutdown(app, {
    drainDelayMs: config.SHUTDOWN_DRAIN_MS,
    forceExitAfterMs: 30_000,
    logger: app.get(NestPinoLogger),
  });
  await app.listen(config.PORT);
  logger.info({ port: config.PORT }, 'catalog is listening');
} catch (error) {
  logger.fatal({ err: error }, 'catalog failed to start');
  process.exit(1);
}
