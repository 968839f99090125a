import { loadConfigOrExit } from '@gym/config';
import { enableGracefulShutdown } from '@gym/health';
import { NestPinoLogger, createLogger } from '@gym/logging';
import { membershipConfigSchema } from './config.js';
import { createMembershipApp } from './create-app.js';

const config = loadConfigOrExit(membershipConfigSchema);
const logger = createLogger({ serviceName: 'membership', level: config.LOG_LEVEL });

try {
  const app = await createMembershipApp(config, logger);
  enableGracefulShutdown(app, {
    drainDelayMs: config.SHUTDOWN_DRAIN_MS,
    forceExitAfterMs: 30_000,
    logger: app.get(NestPinoLogger),
  });
  await app.listen(config.PORT);
  logger.info({ port: config.PORT }, 'membership is listening');
} catch (error) {
  logger.fatal({ err: error }, 'membership failed to start');
  process.exit(1);
}
