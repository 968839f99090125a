import cors from 'cors';
import type { PolicyMiddleware } from './policy-handler.js';

export interface CorsPolicyOptions {
  /** Exact origins (scheme, host and port) that browsers may call the API from. */
  allowedOrigins: string[];
  /** How long browsers may cache a preflight response, in seconds. */
  preflightMaxAgeSeconds?: number;
}

const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const EXPOSED_HEADERS = ['X-Request-ID', 'Retry-After'];

/**
 * CORS for the listed origins only, with credentials. Requests from any other origin get no CORS
 * header, so browsers keep their responses from the page. Their preflight requests get a 204
 * response here, because passing them on would only earn a 401 from the JWT policy.
 */
export function corsPolicy(options: CorsPolicyOptions): PolicyMiddleware {
  const allowed = new Set(options.allowedOrigins);
  const applyCors = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ALLOWED_METHODS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: options.preflightMaxAgeSeconds ?? 600,
  });

  return (request, response, next) => {
    response.vary('Origin');
    const origin = request.headers.origin;
    if (origin !== undefined && allowed.has(origin)) {
      applyCors(request, response, next);
      return;
    }

    const isPreflight =
      request.method === 'OPTIONS' &&
      request.headers['access-control-request-method'] !== undefined;
    if (isPreflight) {
      response.status(204).end();
      return;
    }
    next();
  };
}
