import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import {
  HEALTH_MODULE_OPTIONS,
  type HealthModuleAsyncOptions,
  type HealthModuleOptions,
} from './health-module-options.js';
import { HealthController } from './health.controller.js';
import { ShutdownState } from './shutdown-state.js';

/**
 * Serves `GET /health/live` and `GET /health/ready`. Global, so that `ShutdownState` can be
 * injected anywhere (a consumer that stops taking messages, for instance).
 *
 * With a global prefix, keep the probes at the root:
 * `app.setGlobalPrefix('api/v1', { exclude: ['metrics', 'health/{*path}'] })`.
 */
@Module({})
export class HealthModule {
  static forRoot(
    options: HealthModuleOptions & Pick<ModuleMetadata, 'imports'> = {},
  ): DynamicModule {
    const { imports = [], ...healthOptions } = options;
    return HealthModule.build(imports, { provide: HEALTH_MODULE_OPTIONS, useValue: healthOptions });
  }

  /** For indicators that need other providers, such as a client of a peer service. */
  static forRootAsync(options: HealthModuleAsyncOptions): DynamicModule {
    return HealthModule.build(options.imports ?? [], {
      provide: HEALTH_MODULE_OPTIONS,
      useFactory: options.useFactory,
      inject: (options.inject ?? []) as never[],
    });
  }

  private static build(
    imports: NonNullable<ModuleMetadata['imports']>,
    optionsProvider: NonNullable<ModuleMetadata['providers']>[number],
  ): DynamicModule {
    return {
      module: HealthModule,
      global: true,
      imports: [TerminusModule, ...imports],
      controllers: [HealthController],
      providers: [optionsProvider, ShutdownState],
      exports: [ShutdownState],
    };
  }
}
