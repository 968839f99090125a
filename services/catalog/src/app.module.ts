import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { AuthModule } from '@gym/auth';
import { HealthModule } from '@gym/health';
import { IdempotencyModule } from '@gym/idempotency';
import { LoggingModule } from '@gym/logging';
import { MessagingModule } from '@gym/messaging';
import { MetricsModule, TracingModule } from '@gym/telemetry';
import type { Clock } from './common/clock.js';
import type { CatalogConfig } from './config.js';
import { CoreModule } from './core.module.js';
import { catalogDataSourceOptions } from './database/data-source-options.js';
import { ProductsModule } from './products/products.module.js';
import { ReplicasModule } from './replicas/replicas.module.js';
import { catalogReplay } from './replay/catalog-replay.js';
import { catalogSubscriptions } from './replicas/source-events.js';
import { SalesModule } from './sales/sales.module.js';

@Module({})
export class CatalogAppModule {
  static forRoot(config: CatalogConfig, logger: Logger, clock: Clock): DynamicModule {
    return {
      module: CatalogAppModule,
      imports: [
        LoggingModule.forRoot(logger),
        CoreModule.forRoot(config, logger, clock),
        TypeOrmModule.forRoot(catalogDataSourceOptions(config)),
        MessagingModule.forRootAsync({
          useFactory: () => ({
            url: config.AMQP_URL,
            serviceName: `${config.AMQP_QUEUE_PREFIX}catalog`,
            exchange: config.AMQP_EVENTS_EXCHANGE,
            subscriptions: catalogSubscriptions,
            rpc: {
              timeoutMs: config.MONTH_LOCK_RPC_TIMEOUT_MS,
              breaker: { resetTimeoutMs: config.RPC_BREAKER_RESET_MS },
            },
            logger,
          }),
        }),
        IdempotencyModule.forRoot({
          retentionHours: config.IDEMPOTENCY_RETENTION_HOURS,
          inProgressWaitMs: config.IDEMPOTENCY_WAIT_MS,
          logger,
        }),
        HealthModule.forRoot({ database: { timeoutMs: 1_000 } }),
        MetricsModule,
        TracingModule,
        AuthModule.forRoot({
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
          jwksUri: config.JWKS_URL,
        }),
        ReplicasModule,
        ProductsModule,
        SalesModule,
      ],
      providers: [catalogReplay],
    };
  }
}
