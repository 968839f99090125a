import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { BROKER_HEALTH } from '@gym/health';
import { BrokerConnection } from '@gym/messaging';
import { IDENTITY_CONFIG, type IdentityConfig } from './config.js';
import { RedisLifecycle } from './common/redis-lifecycle.js';
import { PINO_LOGGER, REDIS } from './common/tokens.js';
import { AccessTokenSigner } from './keys/access-token.signer.js';
import { SigningKeyStore } from './keys/signing-key-store.js';

/** Providers every feature of identity shares: configuration, logger, signing keys and Redis. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: IdentityConfig, logger: Logger, keys: SigningKeyStore): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: IDENTITY_CONFIG, useValue: config },
        { provide: PINO_LOGGER, useValue: logger },
        { provide: SigningKeyStore, useValue: keys },
        {
          provide: AccessTokenSigner,
          useValue: new AccessTokenSigner(keys, {
            issuer: config.JWT_ISSUER,
            audience: config.JWT_AUDIENCE,
            ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
          }),
        },
        RedisLifecycle,
        { provide: BROKER_HEALTH, useExisting: BrokerConnection },
        {
          provide: REDIS,
          useFactory: () =>
            new Redis(config.REDIS_URL, {
              lazyConnect: false,
              maxRetriesPerRequest: 2,
              enableOfflineQueue: true,
            }),
        },
      ],
      exports: [
        IDENTITY_CONFIG,
        PINO_LOGGER,
        SigningKeyStore,
        AccessTokenSigner,
        REDIS,
        BROKER_HEALTH,
      ],
    };
  }
}
