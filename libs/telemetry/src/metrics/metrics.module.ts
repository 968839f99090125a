import {
  type MiddlewareConsumer,
  Module,
  type NestModule,
  type OnModuleInit,
  RequestMethod,
} from '@nestjs/common';
import { collectDefaultMetricsOnce } from './default-metrics.js';
import { HttpMetricsMiddleware } from './http-metrics.middleware.js';
import { MetricsController } from './metrics.controller.js';

/**
 * Serves `GET /metrics` and records the HTTP metrics of every route.
 *
 * With a global prefix, keep `/metrics` and the probes at the root:
 * `app.setGlobalPrefix('api/v1', { exclude: ['metrics', 'health/{*path}'] })`
 * (Nest 12 reads exclusions with path-to-regexp 8, so the wildcard is `{*path}`, not `(.*)`).
 *
 * NOTE: Nest mounts the middleware under the global prefix and on the excluded paths only, so
 * with a prefix a request to another path outside it (a 404) is not recorded.
 */
@Module({ controllers: [MetricsController], providers: [HttpMetricsMiddleware] })
export class MetricsModule implements NestModule, OnModuleInit {
  onModuleInit(): void {
    collectDefaultMetricsOnce();
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
