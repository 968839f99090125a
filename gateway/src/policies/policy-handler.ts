import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppException, sendError } from '@gym/errors';

/** Express middleware as express-gateway runs it: every policy returns one of these. */
export type PolicyMiddleware = (request: Request, response: Response, next: NextFunction) => void;

/**
 * Sends an error of the platform's catalog in the request's language. `headers` are sent
 * with it, such as Retry-After.
 */
export function sendGatewayError(
  request: Request,
  response: Response,
  code: string,
  options: { params?: Record<string, unknown>; headers?: Record<string, string> } = {},
): void {
  sendError(request, response, new AppException(code, options.params, undefined, options.headers));
}

/**
 * Wraps an async policy so that an unexpected rejection is logged and gets a 500 response in
 * the error contract, instead of reaching Express 4, which would neither await it nor respond.
 */
export function asyncPolicy(
  logger: Logger,
  handle: (request: Request, response: Response, next: NextFunction) => Promise<void>,
): PolicyMiddleware {
  return (request, response, next) => {
    handle(request, response, next).catch((error: unknown) => {
      logger.error({ err: error, path: request.path }, 'Unhandled error in a gateway policy');
      if (response.headersSent) {
        response.destroy();
        return;
      }
      sendGatewayError(request, response, 'INTERNAL_ERROR');
    });
  };
}
