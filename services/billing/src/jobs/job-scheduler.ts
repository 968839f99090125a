import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { Clock } from '../common/clock.js';
import { CLOCK, PINO_LOGGER } from '../common/tokens.js';
import { BILLING_CONFIG, type BillingConfig } from '../config.js';
import { runSubscriptionJob } from './subscription-status.job.js';

/**
 * Runs the subscription job every SUBSCRIPTION_JOB_INTERVAL_SECONDS in every replica, so an
 * ended trial moves within one interval. The advisory lock lets one replica do the work.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(BILLING_CONFIG) private readonly config: BillingConfig,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.JOBS_ENABLED) return;
    this.timer = setInterval(
      () => this.tick(),
      this.config.SUBSCRIPTION_JOB_INTERVAL_SECONDS * 1000,
    );
    this.timer.unref();
    this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    const settings = { suspendAfterDays: this.config.PAST_DUE_SUSPEND_AFTER_DAYS };
    // runSubscriptionJob has logged and counted a failure already; the next tick retries.
    this.running = runSubscriptionJob(this.dataSource, this.logger, settings, this.clock.now())
      .catch(() => undefined)
      .finally(() => {
        this.running = undefined;
      });
  }
}
