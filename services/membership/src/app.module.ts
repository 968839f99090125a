import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { AuthModule } from '@gym/auth';
import { HealthModule } from '@gym/health';
import { LoggingModule } from '@gym/logging';
import { MessagingModule } from '@gym/messaging';
import { MetricsModule, TracingModule } from '@gym/telemetry';
import type { Clock } from './common/clock.js';
import type { MembershipConfig } from './config.js';
import { CoreModule } from './core.module.js';
import { membershipDataSourceOptions } from './database/data-source-options.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MembersModule } from './members/members.module.js';
import { PhotosModule } from './photos/photos.module.js';
import { PlansModule } from './plans/plans.module.js';
import { identitySubscriptions } from './replicas/identity-events.js';
import { ReplicasModule } from './replicas/replicas.module.js';
import { membershipReplay } from './replay/membership-replay.js';

@Module({})
export class MembershipAppModule {
  static forRoot(config: MembershipConfig, logger: Logger, clock: Clock): DynamicModule {
    return {
      module: MembershipAppModule,
      imports: [
        LoggingModule.forRoot(logger),
        CoreModule.forRoot(config, logger, clock),
        TypeOrmModule.forRoot(membershipDataSourceOptions(config)),
        MessagingModule.forRootAsync({
          useFactory: () => ({
            url: config.AMQP_URL,
            serviceName: `${config.AMQP_QUEUE_PREFIX}membership`,
            exchange: config.AMQP_EVENTS_EXCHANGE,
            subscriptions: identitySubscriptions,
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
        ReplicasModule,
        PlansModule,
        MembersModule,
        PhotosModule,
        JobsModule,
      ],
      providers: [membershipReplay],
    };
  }
}
