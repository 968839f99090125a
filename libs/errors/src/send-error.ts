import type { Request, Response } from 'express';
import { AppException } from './app.exception.js';
import { buildErrorResponse } from './error-response.js';
import { languageOf } from './language.js';

/**
 * Writes an AppException as the error body. For plain Express middleware that runs before Nest's
 * router, where the global exception filter does not apply.
 */
export function sendError(request: Request, response: Response, exception: AppException): void {
  for (const [name, value] of Object.entries(exception.headers)) {
    response.setHeader(name, value);
  }
  const status = exception.getStatus();
  response.status(status).json(
    buildErrorResponse({
      status,
      code: exception.code,
      language: languageOf(request),
      path: request.originalUrl.split('?')[0] ?? request.originalUrl,
      params: exception.params,
      fieldErrors: exception.fieldErrors,
    }),
  );
}
