import type { NextFunction, Request, Response } from 'express';
import { jsonBodyParser } from '@gym/errors';

/** Routes that take a multipart file upload instead of a JSON body. */
const uploadRoutes = [
  { method: 'PUT', path: /^\/api\/v1\/members\/[^/]+\/photo$/ },
  { method: 'POST', path: /^\/api\/v1\/members\/import$/ },
];

/**
 * The platform's JSON body parser for every route but the uploads, whose multipart bodies the
 * route's own interceptor reads (the JSON parser responds 415 to any other content type).
 */
export function jsonUnlessUpload(options: { limit: string }) {
  const parseJson = jsonBodyParser(options);
  return (request: Request, response: Response, next: NextFunction): void => {
    const isUpload = uploadRoutes.some(
      (route) => route.method === request.method && route.path.test(request.path),
    );
    if (isUpload) {
      next();
      return;
    }
    parseJson(request, response, next);
  };
}
