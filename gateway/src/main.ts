import { loadConfigOrExit } from '@gym/config';
import { configureHttpServer } from '@gym/errors';
import { createLogger } from '@gym/logging';
import { gatewayConfigSchema } from './config/gateway-config.js';
import { startEngine } from './engine/start-engine.js';
import { createGatewayRuntime } from './runtime/gateway-runtime.js';
import { enableGracefulShutdown } from './runtime/graceful-shutdown.js';

const config = loadConfigOrExit(gatewayConfigSchema);
const logger = createLogger({ serviceName: 'gateway', level: config.LOG_LEVEL });

try {
  const runtime = createGatewayRuntime(config, logger);
  const server = await startEngine(runtime);
  configureHttpServer(server);
  enableGracefulShutdown(server, runtime, {
    drainDelayMs: config.SHUTDOWN_DRAIN_MS,
    forceExitAfterMs: 30_000,
  });

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info({ host: config.HOST, port }, 'gateway is listening');

  await runtime.subscriptionEvents.start();

  runtime.verifier.load().catch((error: unknown) => {
    logger.warn({ err: error }, 'Signing keys could not be fetched yet; readiness will retry');
  });
} catch (error) {
  logger.fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
}
