import { loadConfigOrExit } from '@gym/config';
import { enableGracefulShutdown } from '@gym/health';
import { NestPinoLogger, createLogger } from '@gym/logging';
import { identityConfigSchema } from './config.js';
import { createIdentityApp } from './create-app.js';

const config = loadConfigOrExit(identityConfigSchema);
const logger = createLogger({ serviceName: 'identity', level: config.LOG_LEVEL });

try {
  const app = await createIdentityApp(config, logger);
  enableGracefulShutdown(app, {
    drainDelayMs: config.SHUTDOWN_DRAIN_MS,
    forceExitAfterMs: 30_000,
    logger: app.get(NestPinoLogger),
  });
  await app.listen(config.PORT);
  logger.info({ port: config.PORT }, 'identity is listening');
} catch (error) {
  logger.fatal({ err: error }, 'identity failed to start');
  process.exit(1);
}
