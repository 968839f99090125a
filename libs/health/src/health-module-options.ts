import type { ModuleMetadata } from '@nestjs/common';
import type { HealthIndicatorFunction } from '@nestjs/terminus';

export const HEALTH_MODULE_OPTIONS = Symbol('HEALTH_MODULE_OPTIONS');

/** Default limit of the database ping in milliseconds, as in terminus; keep the probe's timeout longer. */
export const DEFAULT_DATABASE_TIMEOUT_MS = 1000;

export interface HealthModuleOptions {
  /**
   * Ping of the default TypeORM DataSource. `false` for a service without a database;
   * `timeoutMs` defaults to `DEFAULT_DATABASE_TIMEOUT_MS`.
   */
  database?: false | { timeoutMs?: number };
  /** Further readiness checks, such as a required peer service or Redis. */
  indicators?: HealthIndicatorFunction[];
}

export interface HealthModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: unknown[];
  useFactory: (...dependencies: never[]) => HealthModuleOptions | Promise<HealthModuleOptions>;
}
