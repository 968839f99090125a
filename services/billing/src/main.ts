import { loadConfigOrExit } from '@gym/config';
import { enableGracefulShutdown } from '@gym/health';
import { NestPinoLogger, createLogger } from '@gym/logging';
import { billingConfigSchema } from './config.js';
import { createBillingApp } from './create-app.js';

const config = loadConfigOrExit(billingConfigSchema);
const logger = createLogger({ serviceName: 'billing', level: config.LOG_LEVEL });

try {
  const app = await createBillingApp(config, logger);
  enableGracefulShutdown(app, {
    drainDelayMs: config.SHUTDOWN_DRAIN_MS,
    forceExitAfterMs: 30_000,
    logger: app.get(NestPinoLogger),
  });
  await app.listen(config.PORT);
  logger.info({ port: config.PORT }, 'billing is listening');
} catch (error) {
  logger.fatal({ err: error }, 'billing failed to start');
  process.exit(1);
}
