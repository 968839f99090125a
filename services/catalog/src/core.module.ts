import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { BROKER_HEALTH } from '@gym/health';
import { BrokerConnection } from '@gym/messaging';
import { CATALOG_CONFIG, type CatalogConfig } from './config.js';
import type { Clock } from './common/clock.js';
import { CLOCK, PINO_LOGGER } from './common/tokens.js';

/** Providers every feature of catalog shares: configuration, logger and clock. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: CatalogConfig, logger: Logger, clock: Clock): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: CATALOG_CONFIG, useValue: config },
        { provide: PINO_LOGGER, useValue: logger },
        { provide: CLOCK, useValue: clock },
        { provide: BROKER_HEALTH, useExisting: BrokerConnection },
      ],
      exports: [CATALOG_CONFIG, PINO_LOGGER, CLOCK, BROKER_HEALTH],
    };
  }
}
