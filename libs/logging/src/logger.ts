import { pino, type Logger, type LevelWithSilent } from 'pino';
import { trace } from '@opentelemetry/api';
import { getRequestContext } from './request-context.js';
import { redactedPaths } from './redaction.js';

export interface LoggerOptions {
  serviceName: string;
  level: LevelWithSilent;
}

/** Creates the process logger: JSON lines with service, requestId, tenantId and traceId. */
export function createLogger(options: LoggerOptions): Logger {
  return pino({
    level: options.level,
    base: { service: options.serviceName },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    formatters: {
      level: (label) => ({ level: label }),
    },
    mixin() {
      const context = getRequestContext();
      const spanContext = trace.getActiveSpan()?.spanContext();
      return {
        requestId: context?.requestId,
        tenantId: context?.tenantId,
        traceId: spanContext?.traceId,
      };
    },
  });
}

export type { Logger } from 'pino';
