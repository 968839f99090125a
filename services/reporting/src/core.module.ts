import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { BROKER_HEALTH } from '@gym/health';
import { BrokerConnection } from '@gym/messaging';
import { REPORTING_CONFIG, type ReportingConfig } from './config.js';
import type { Clock } from './common/clock.js';
import { CLOCK, PINO_LOGGER } from './common/tokens.js';

/** Providers every feature of reporting shares: configuration, logger and clock. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: ReportingConfig, logger: Logger, clock: Clock): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: REPORTING_CONFIG, useValue: config },
        { provide: PINO_LOGGER, useValue: logger },
        { provide: CLOCK, useValue: clock },
        { provide: BROKER_HEALTH, useExisting: BrokerConnection },
      ],
      exports: [REPORTING_CONFIG, PINO_LOGGER, CLOCK, BROKER_HEALTH],
    };
  }
}
