import { createRequire } from 'node:module';
import { stripVTControlCharacters } from 'node:util';
import type { Level, LevelWithSilent, Logger } from 'pino';

/** winston's npm levels, as express-gateway's loggers use them, mapped to pino's. */
const PINO_LEVEL_OF: Record<string, Level> = {
  error: 'error',
  warn: 'warn',
  info: 'info',
  http: 'debug',
  verbose: 'debug',
  debug: 'debug',
  silly: 'trace',
};

const WINSTON_LEVEL_OF: Record<LevelWithSilent, string> = {
  fatal: 'error',
  error: 'error',
  warn: 'warn',
  info: 'info',
  debug: 'debug',
  trace: 'silly',
  silent: 'error',
};

interface WinstonInfo {
  level: string;
  message: unknown;
  [key: symbol]: unknown;
}

interface WinstonLogger {
  configure(options: Record<string, unknown>): void;
}

interface WinstonModule {
  Transport: new (options?: Record<string, unknown>) => object;
  format: { splat(): unknown };
}

/**
 * Sends the log lines of express-gateway (winston loggers that print coloured text) to the
 * service's pino logger as JSON, with the engine's component as `component`.
 */
export function routeEngineLogsToPino(logger: Logger, level: LevelWithSilent): void {
  const requireFromGateway = createRequire(
    createRequire(import.meta.url).resolve('express-gateway'),
  );
  const winston = requireFromGateway('winston') as WinstonModule;
  const engineLoggers = requireFromGateway('./logger') as Record<string, WinstonLogger | unknown>;

  class PinoTransport extends (winston.Transport as new (options?: object) => {
    emit(event: string, ...args: unknown[]): boolean;
  }) {
    constructor(private readonly component: string) {
      super();
    }

    log(info: WinstonInfo, callback: () => void): void {
      const pinoLevel = PINO_LEVEL_OF[info.level] ?? 'info';
      logger[pinoLevel](
        { component: this.component },
        stripVTControlCharacters(String(info.message)),
      );
      callback();
    }
  }

  for (const [component, engineLogger] of Object.entries(engineLoggers)) {
    if (typeof (engineLogger as WinstonLogger).configure !== 'function') continue;
    (engineLogger as WinstonLogger).configure({
      level: WINSTON_LEVEL_OF[level],
      silent: level === 'silent',
      format: winston.format.splat(),
      transports: [new PinoTransport(`express-gateway:${component}`)],
    });
  }
}
