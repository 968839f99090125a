export * from './request-context.js';
export * from './redaction.js';
export * from './logger.js';
export * from './request-id.middleware.js';
export * from './logging.module.js';
export { Logger as NestPinoLogger, InjectPinoLogger, PinoLogger } from 'nestjs-pino';
