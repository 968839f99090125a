import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { httpRequestDurationHistogram, httpServerErrorsCounter } from './http-metrics.js';
import { resolveRouteTemplate, type RouteLike } from './route-template.js';

const RECORDED = Symbol('httpMetricsRecorded');

/** The request as Express passes it on: `route` is set once a route matches. */
type RoutedRequest = IncomingMessage & { route?: RouteLike; [RECORDED]?: true };

/** Records the duration of every response and counts the 5xx ones, labelled by route template. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly duration = httpRequestDurationHistogram();
  private readonly errors = httpServerErrorsCounter();

  use(request: RoutedRequest, response: ServerResponse, next: () => void): void {
    // A middleware mounted on several paths may run twice for one request.
    if (request[RECORDED]) {
      next();
      return;
    }
    request[RECORDED] = true;

    const startedAt = process.hrtime.bigint();
    const routeAtEntry = request.route;

    // "finish" only: a request whose client went away before the response has no status to
    // record, and its duration does not measure the service.
    response.once('finish', () => {
      const labels = {
        method: request.method ?? 'UNKNOWN',
        route: resolveRouteTemplate(request.route, routeAtEntry),
        status_code: String(response.statusCode),
      };
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;

      this.duration.observe(labels, seconds);
      if (response.statusCode >= 500) {
        this.errors.inc(labels);
      }
    });

    next();
  }
}
