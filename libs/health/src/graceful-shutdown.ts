import type { Server } from 'node:http';
import { type INestApplication, Logger, type LoggerService } from '@nestjs/common';
import { HttpDrain } from './http-drain.js';
import { ShutdownState } from './shutdown-state.js';

export interface GracefulShutdownOptions {
  /** Time between turning not-ready and closing the server, so load balancers stop routing. */
  drainDelayMs: number;
  /** The process exits with code 1 if shutdown has not finished this long after the signal. */
  forceExitAfterMs: number;
  logger?: LoggerService;
  signals?: NodeJS.Signals[];
}

/**
 * Shuts the application down in order on SIGTERM or SIGINT:
 * 1. readiness turns 503 (`ShutdownState`) and responses start sending `Connection: close`;
 * 2. after `drainDelayMs`, the HTTP server stops accepting connections and the requests in
 *    flight finish;
 * 3. `app.close()` runs the Nest shutdown hooks (message consumers drain, pools close);
 * 4. the process exits with code 0, or with code 1 when a step fails or `forceExitAfterMs` passes.
 *
 * The service must not call `app.enableShutdownHooks()`: its signal listeners start
 * `app.close()` at once, which would close the database and broker connections while requests
 * are still draining. `app.close()` runs the same lifecycle hooks when step 3 calls it.
 */
export function enableGracefulShutdown(
  app: INestApplication,
  options: GracefulShutdownOptions,
): void {
  const logger = options.logger ?? new Logger('GracefulShutdown');
  const state = findShutdownState(app);
  const drain = new HttpDrain(app.getHttpServer() as Server);
  let started = false;

  const onSignal = (signal: NodeJS.Signals): void => {
    if (started) {
      logger.warn(`Received ${signal} again; shutdown is already in progress`);
      return;
    }
    started = true;

    armForceExit(options.forceExitAfterMs, logger);
    shutDown({ app, state, drain, logger, signal, drainDelayMs: options.drainDelayMs }).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(
          `Shutdown failed: ${describe(error)}`,
          error instanceof Error ? error.stack : undefined,
        );
        process.exit(1);
      },
    );
  };

  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) {
    process.on(signal, onSignal);
  }
}

interface ShutdownSteps {
  app: INestApplication;
  state: ShutdownState;
  drain: HttpDrain;
  logger: LoggerService;
  signal: NodeJS.Signals;
  drainDelayMs: number;
}

async function shutDown({
  app,
  state,
  drain,
  logger,
  signal,
  drainDelayMs,
}: ShutdownSteps): Promise<void> {
  state.markShuttingDown();
  drain.startDraining();
  logger.log(
    `Received ${signal}; readiness reports 503, closing the HTTP server in ${drainDelayMs} ms`,
  );

  await new Promise((resolve) => setTimeout(resolve, drainDelayMs));

  logger.log(
    `Stopped accepting connections; waiting for ${drain.inFlightCount} requests in flight`,
  );
  await drain.closeServer();

  logger.log('HTTP requests drained; closing the application');
  await app.close();

  logger.log('Shutdown complete');
}

function armForceExit(forceExitAfterMs: number, logger: LoggerService): void {
  // Not unref'd: if a step hangs on a promise that keeps no handle open, the event loop would
  // otherwise empty and the process would exit with code 0 without finishing the shutdown.
  setTimeout(() => {
    logger.error(`Shutdown did not finish within ${forceExitAfterMs} ms; exiting with code 1`);
    process.exit(1);
  }, forceExitAfterMs);
}

/** Returns the application's `ShutdownState`, or a detached one without `HealthModule`. */
function findShutdownState(app: INestApplication): ShutdownState {
  try {
    return app.get(ShutdownState, { strict: false });
  } catch {
    return new ShutdownState();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
