import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { AuthModule } from '@gym/auth';
import { HealthModule } from '@gym/health';
import { LoggingModule } from '@gym/logging';
import { MessagingModule } from '@gym/messaging';
import { MetricsModule, TracingModule } from '@gym/telemetry';
import type { IdentityConfig } from './config.js';
import { CoreModule } from './core.module.js';
import { identityDataSourceOptions } from './database/data-source-options.js';
import { AuthFeatureModule } from './auth/auth-feature.module.js';
import { BranchesModule } from './branches/branches.module.js';
import { JwksController } from './keys/jwks.controller.js';
import { localKeyProvider } from './keys/local-key-provider.js';
import type { SigningKeyStore } from './keys/signing-key-store.js';
import { MailModule } from './mail/mail.module.js';
import { identityReplay } from './replay/identity-replay.js';
import { SUBSCRIPTION_STATUS_CHANGED } from './tenants/subscription-status.consumer.js';
import { TenantsModule } from './tenants/tenants.module.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class IdentityAppModule {
  static forRoot(config: IdentityConfig, logger: Logger, keys: SigningKeyStore): DynamicModule {
    return {
      module: IdentityAppModule,
      imports: [
        LoggingModule.forRoot(logger),
        CoreModule.forRoot(config, logger, keys),
        TypeOrmModule.forRoot(identityDataSourceOptions(config)),
        MessagingModule.forRootAsync({
          useFactory: () => ({
            url: config.AMQP_URL,
            serviceName: `${config.AMQP_QUEUE_PREFIX}identity`,
            exchange: config.AMQP_EVENTS_EXCHANGE,
            subscriptions: [SUBSCRIPTION_STATUS_CHANGED],
            logger,
          }),
        }),
        HealthModule.forRoot({ database: { timeoutMs: 1_000 } }),
        MetricsModule,
        TracingModule,
        AuthModule.forRoot({
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
          keyProvider: localKeyProvider(keys),
        }),
        MailModule,
        AuthFeatureModule,
        TenantsModule,
        BranchesModule,
        UsersModule,
      ],
      controllers: [JwksController],
      providers: [identityReplay],
    };
  }
}
