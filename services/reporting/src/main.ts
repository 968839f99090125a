import { loadConfigOrExit } from '@gym/config';
import { enableGracefulShutdown } from '@gym/health';
import { NestPinoLogger, createLogger } from '@gym/logging';
import { reportingConfigSchema } from './config.js';
import { createReportingApp } from './create-app.js';

const config = loadConfigOrExit(reportingConfigSchema);
const logger = createLogger({ serviceName: 'reporting', level: config.LOG_LEVEL });

try {
  const app = await createReportingApp(config, logger);
  enableGracefulShutdown(app, {
    drainDelayMs: config.SHUTDOWN_DRAIN_MS,
    forceExitAfterMs: 30_000,
    logger: app.get(NestPinoLogger),
  });
  await app.listen(config.PORT);
  logger.info({ port: config.PORT }, 'reporting is listening');
} catch (error) {
  logger.fatal({ err: error }, 'reporting failed to start');
  process.exit(1);
}
