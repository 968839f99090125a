import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { AuthModule } from '@gym/auth';
import { HealthModule } from '@gym/health';
import { LoggingModule } from '@gym/logging';
import { MessagingModule } from '@gym/messaging';
import { MetricsModule, TracingModule } from '@gym/telemetry';
import type { Clock } from './common/clock.js';
import type { ReportingConfig } from './config.js';
import { CoreModule } from './core.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { reportingDataSourceOptions } from './database/data-source-options.js';
import { ProjectionsModule } from './projections/projections.module.js';
import { reportingSubscriptions } from './projections/source-events.js';
import { ReportsModule } from './reports/reports.module.js';

@Module({})
export class ReportingAppModule {
  static forRoot(config: ReportingConfig, logger: Logger, clock: Clock): DynamicModule {
    return {
      module: ReportingAppModule,
      imports: [
        LoggingModule.forRoot(logger),
        CoreModule.forRoot(config, logger, clock),
        TypeOrmModule.forRoot(reportingDataSourceOptions(config)),
        MessagingModule.forRootAsync({
          useFactory: () => ({
            url: config.AMQP_URL,
            serviceName: `${config.AMQP_QUEUE_PREFIX}reporting`,
            exchange: config.AMQP_EVENTS_EXCHANGE,
            subscriptions: reportingSubscriptions,
            logger,
          }),
        }),
        HealthModule.forRoot({ database: { timeoutMs: 1_000 } }),
        MetricsModule,
        TracingModule,
        AuthModule.forRoot({
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
          jwksUri: config.JWKS_URL,
        }),
        ProjectionsModule,
        DashboardModule,
        ReportsModule,
      ],
    };
  }
}
