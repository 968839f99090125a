import {
  Catch,
  HttpException,
  HttpStatus,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppException } from './app.exception.js';
import { buildErrorResponse } from './error-response.js';
import { languageOf } from './language.js';

/** Codes for HTTP errors raised by Nest or Express themselves rather than by our code. */
const codeByStatus: Record<number, string> = {
  [HttpStatus.BAD_REQUEST]: 'VALIDATION_FAILED',
  [HttpStatus.UNAUTHORIZED]: 'UNAUTHENTICATED',
  [HttpStatus.FORBIDDEN]: 'FORBIDDEN_ROLE',
  [HttpStatus.NOT_FOUND]: 'ROUTE_NOT_FOUND',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'PAYLOAD_TOO_LARGE',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'UNSUPPORTED_MEDIA_TYPE',
  [HttpStatus.TOO_MANY_REQUESTS]: 'RATE_LIMITED',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'SERVICE_UNAVAILABLE',
};

/** Messages of node-postgres and TypeORM when no connection can be had in time. */
const databaseUnavailable =
  /timeout exceeded when trying to connect|Connection terminated|ECONNREFUSED|ECONNRESET|the database system is (starting up|shutting down)/i;

/** True for errors that mean the database cannot be reached, not that the request is wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return (
    error instanceof Error &&
    !(error instanceof HttpException) &&
    databaseUnavailable.test(error.message)
  );
}

/**
 * Turns every exception into the platform's error body in the request's language. An unreachable
 * database gets 503 with Retry-After. Unknown errors are logged with their stack and get 500
 * without internals.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    const language = languageOf(request);
    const path = request.originalUrl?.split('?')[0] ?? request.url;

    if (exception instanceof AppException) {
      for (const [name, value] of Object.entries(exception.headers)) {
        response.setHeader(name, value);
      }
      const status = exception.getStatus();
      response.status(status).json(
        buildErrorResponse({
          status,
          code: exception.code,
          language,
          path,
          params: exception.params,
          fieldErrors: exception.fieldErrors,
        }),
      );
      return;
    }

    if (isDatabaseUnavailable(exception)) {
      this.logger.warn({ err: exception, path }, 'Database unavailable while serving request');
      response.setHeader('Retry-After', '5');
      response
        .status(503)
        .json(buildErrorResponse({ status: 503, code: 'SERVICE_UNAVAILABLE', language, path }));
      return;
    }

    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    const code = codeByStatus[status];
    if (!code || status >= 500) {
      this.logger.error({ err: exception, path }, 'Unhandled error while serving request');
    }

    const answeredStatus = code ? status : 500;
    response.status(answeredStatus).json(
      buildErrorResponse({
        status: answeredStatus,
        code: code ?? 'INTERNAL_ERROR',
        language,
        path,
      }),
    );
  }
}
