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
import { MEMBERSHIP_CONFIG, type MembershipConfig } from '../config.js';
import { runDailyJobs } from './daily-jobs.js';

/**
 * Runs the daily jobs every JOB_INTERVAL_SECONDS in every replica. Each run evaluates every
 * tenant at the current instant, so a tenant's new day is picked up within one interval of its
 * local midnight. The advisory locks let one replica do the work.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MEMBERSHIP_CONFIG) private readonly config: MembershipConfig,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.JOBS_ENABLED) return;
    this.timer = setInterval(() => this.tick(), this.config.JOB_INTERVAL_SECONDS * 1000);
    this.timer.unref();
    this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    // runDailyJob has logged and counted a failure already; the next tick retries.
    this.running = runDailyJobs(this.dataSource, this.logger, { at: this.clock.now() })
      .catch(() => undefined)
      .finally(() => {
        this.running = undefined;
      });
  }
}
