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
import type { BillingConfig } from './config.js';
import { CoreModule } from './core.module.js';
import { billingDataSourceOptions } from './database/data-source-options.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MonthLocksModule } from './month-locks/month-locks.module.js';
import { PaymentsModule } from './payments/payments.module.js';
import { ReplicasModule } from './replicas/replicas.module.js';
import { billingSubscriptions } from './replicas/source-events.js';
import { SubscriptionModule } from './subscription/subscription.module.js';
import { billingReplay } from './replay/billing-replay.js';

@Module({})
export class BillingAppModule {
  static forRoot(config: BillingConfig, logger: Logger, clock: Clock): DynamicModule {
    return {
      module: BillingAppModule,
      imports: [
        LoggingModule.forRoot(logger),
        CoreModule.forRoot(config, logger, clock),
        TypeOrmModule.forRoot(billingDataSourceOptions(config)),
        MessagingModule.forRootAsync({
          useFactory: () => ({
            url: config.AMQP_URL,
            serviceName: `${config.AMQP_QUEUE_PREFIX}billing`,
            exchange: config.AMQP_EVENTS_EXCHANGE,
            subscriptions: billingSubscriptions,
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
        PaymentsModule,
        MonthLocksModule,
        SubscriptionModule,
        JobsModule,
      ],
      providers: [billingReplay],
    };
  }
}
