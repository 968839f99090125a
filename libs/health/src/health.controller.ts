import { Controller, Get, Inject, Optional } from '@nestjs/common';
import {
  HealthCheck,
  type HealthCheckResult,
  HealthCheckService,
  type HealthIndicatorFunction,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { BROKER_HEALTH, type BrokerHealth } from './broker-health.js';
import {
  DEFAULT_DATABASE_TIMEOUT_MS,
  HEALTH_MODULE_OPTIONS,
  type HealthModuleOptions,
} from './health-module-options.js';
import { ShutdownState } from './shutdown-state.js';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly shutdownState: ShutdownState,
    @Inject(HEALTH_MODULE_OPTIONS) private readonly options: HealthModuleOptions,
    @Optional() @Inject(BROKER_HEALTH) private readonly broker?: BrokerHealth,
  ) {}

  /** Liveness: checks no dependency, so a database or broker outage never gets the process restarted. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: 503 when a dependency is unreachable or shutdown has begun. */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.checkShutdown(),
      ...this.databaseCheck(),
      ...this.brokerCheck(),
      ...(this.options.indicators ?? []),
    ]);
  }

  private checkShutdown() {
    const session = this.indicators.check('shutdown');
    return this.shutdownState.isShuttingDown
      ? session.down({ message: 'Shutdown in progress' })
      : session.up();
  }

  private databaseCheck(): HealthIndicatorFunction[] {
    const { database } = this.options;
    if (database === false) {
      return [];
    }

    const timeoutMs = database?.timeoutMs ?? DEFAULT_DATABASE_TIMEOUT_MS;
    return [() => this.database.pingCheck('database').withTimeout(timeoutMs)];
  }

  private brokerCheck(): HealthIndicatorFunction[] {
    const broker = this.broker;
    if (!broker) {
      return [];
    }

    return [
      () => {
        const session = this.indicators.check('broker');
        return broker.isConnected() ? session.up() : session.down({ message: 'Not connected' });
      },
    ];
  }
}
