import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { shutdownTracing } from '@gym/telemetry';
import type { GatewayRuntime } from './gateway-runtime.js';

export interface GatewayShutdownOptions {
  /** Time between turning not-ready and closing the server, so load balancers stop routing. */
  drainDelayMs: number;
  /** The process exits with code 1 if shutdown has not finished this long after the signal. */
  forceExitAfterMs: number;
}

/**
 * Shuts the gateway down in order on SIGTERM or SIGINT. Readiness turns 503 at once. After
 * `drainDelayMs` the server stops accepting connections and lets the requests in flight finish.
 * Then Redis and the upstream agents close and the last spans are exported. The process exits
 * with 0, or with 1 when a step fails or `forceExitAfterMs` passes.
 */
export function enableGracefulShutdown(
  server: Server,
  runtime: GatewayRuntime,
  options: GatewayShutdownOptions,
): void {
  const logger = runtime.logger;
  let started = false;

  const onSignal = (signal: NodeJS.Signals) => {
    if (started) {
      logger.warn({ signal }, 'Shutdown is already in progress');
      return;
    }
    started = true;
    logger.info({ signal }, 'Shutting down: readiness now reports 503');
    runtime.readiness.markShuttingDown();

    const forceExit = setTimeout(() => {
      logger.error({ timeoutMs: options.forceExitAfterMs }, 'Shutdown timed out; exiting');
      process.exit(1);
    }, options.forceExitAfterMs);
    forceExit.unref();

    shutDown(server, runtime, options.drainDelayMs, logger).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };

  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

async function shutDown(
  server: Server,
  runtime: GatewayRuntime,
  drainDelayMs: number,
  logger: Logger,
): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, drainDelayMs));
  await new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
  await runtime.close();
  if (!(await shutdownTracing())) {
    logger.warn('Tracing did not flush in time; the last spans may be lost');
  }
  logger.info('Gateway stopped');
}
