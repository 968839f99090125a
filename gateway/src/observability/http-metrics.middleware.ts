import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { UNMATCHED_ROUTE } from '@gym/telemetry';
import type { GatewayMetrics } from './gateway-metrics.js';

/** A request as express-gateway's pipeline leaves it, with the endpoint that served it. */
type PipelineRequest = Request & { egContext?: { apiEndpoint?: { apiEndpointName?: string } } };

/**
 * Returns the `route` label of a finished request: the express-gateway API endpoint that served it, the
 * path of one of the gateway's own routes, or `unmatched`. Both are bounded sets, unlike paths.
 */
export function routeLabel(request: PipelineRequest): string {
  const endpoint = request.egContext?.apiEndpoint?.apiEndpointName;
  if (endpoint) return endpoint;
  const routePath = request.route?.path;
  return typeof routePath === 'string' ? routePath : UNMATCHED_ROUTE;
}

/**
 * Records every finished response: latency histogram, count by route and status, 5xx count, and
 * a debug log line carrying the request id.
 */
export function httpMetricsMiddleware(
  metrics: Pick<GatewayMetrics, 'requestDuration' | 'requests' | 'serverErrors'>,
  logger: Logger,
) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const startedAt = process.hrtime.bigint();
    const requestId = request.headers['x-request-id'];

    response.once('finish', () => {
      const labels = {
        method: request.method,
        route: routeLabel(request),
        status_code: String(response.statusCode),
      };
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;

      metrics.requestDuration.observe(labels, seconds);
      metrics.requests.inc(labels);
      if (response.statusCode >= 500) metrics.serverErrors.inc(labels);
      logger.debug(
        { requestId, ...labels, durationMs: Math.round(seconds * 1000) },
        'Request completed',
      );
    });
    next();
  };
}
