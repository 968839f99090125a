import {
  Inject,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  type OnModuleDestroy,
  type OnModuleInit,
  Optional,
  RequestMethod,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { addDatabasePool, type PoolCounts } from './database-pool-metrics.js';
import { collectDefaultMetricsOnce } from './default-metrics.js';
import { HttpMetricsMiddleware } from './http-metrics.middleware.js';
import { MetricsController } from './metrics.controller.js';

/** The pool of TypeORM's PostgreSQL driver (`pg.Pool`), once the data source is initialised. */
function postgresPool(dataSource: DataSource): PoolCounts | undefined {
  if (!dataSource.isInitialized) return undefined;
  const pool = (dataSource.driver as { master?: unknown }).master;
  return pool && typeof (pool as PoolCounts).totalCount === 'number'
    ? (pool as PoolCounts)
    : undefined;
}

/**
 * Serves `GET /metrics` and records the HTTP metrics of every route. When the application has a
 * TypeORM data source, its connection pool is reported as the `db_pool_*` gauges.
 *
 * With a global prefix, keep `/metrics` and the probes at the root:
 * `app.setGlobalPrefix('api/v1', { exclude: ['metrics', 'health/{*path}'] })`
 * (Nest 12 reads exclusions with path-to-regexp 8, so the wildcard is `{*path}`, not `(.*)`).
 *
 * NOTE: Nest mounts the middleware under the global prefix and on the excluded paths only, so
 * with a prefix a request to another path outside it (a 404) is not recorded.
 */
@Module({ controllers: [MetricsController], providers: [HttpMetricsMiddleware] })
export class MetricsModule implements NestModule, OnModuleInit, OnModuleDestroy {
  private removePool: (() => void) | undefined;

  constructor(@Optional() @Inject(DataSource) private readonly dataSource?: DataSource) {}

  onModuleInit(): void {
    collectDefaultMetricsOnce();
    const dataSource = this.dataSource;
    if (dataSource) this.removePool = addDatabasePool(() => postgresPool(dataSource));
  }

  onModuleDestroy(): void {
    this.removePool?.();
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
