import {
  Inject,
  Injectable,
  Module,
  UseInterceptors,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import {
  IDEMPOTENCY_OPTIONS,
  resolveIdempotencyOptions,
  type IdempotencyOptions,
  type ResolvedIdempotencyOptions,
} from './idempotency.options.js';
import { IdempotencyStore } from './idempotency-store.js';
import './idempotency-errors.js';

/** Deletes expired keys every purgeIntervalMs while the application runs. */
@Injectable()
class IdempotencyPurger implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(IdempotencyStore) private readonly store: IdempotencyStore,
    @Inject(IDEMPOTENCY_OPTIONS) private readonly options: ResolvedIdempotencyOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.purgeIntervalMs === 0) return;
    this.timer = setInterval(() => void this.purge(), this.options.purgeIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async purge(): Promise<void> {
    try {
      const deleted = await this.store.purgeExpired();
      if (deleted > 0) this.options.logger.info({ deleted }, 'Deleted expired Idempotency-Keys');
    } catch (error) {
      this.options.logger.error(
        { err: error },
        'Deleting expired Idempotency-Keys failed; retrying on the next run',
      );
    }
  }
}

@Module({})
export class IdempotencyModule {
  /** Provides IdempotencyStore and IdempotencyInterceptor to every module; needs a TypeORM DataSource. */
  static forRoot(options: IdempotencyOptions): DynamicModule {
    return {
      module: IdempotencyModule,
      global: true,
      providers: [
        { provide: IDEMPOTENCY_OPTIONS, useValue: resolveIdempotencyOptions(options) },
        {
          provide: IdempotencyStore,
          inject: [DataSource, IDEMPOTENCY_OPTIONS],
          useFactory: (dataSource: DataSource, resolved: ResolvedIdempotencyOptions) =>
            new IdempotencyStore(dataSource, resolved),
        },
        IdempotencyInterceptor,
        IdempotencyPurger,
      ],
      exports: [IDEMPOTENCY_OPTIONS, IdempotencyStore, IdempotencyInterceptor],
    };
  }
}

/** Requires an Idempotency-Key on the route and replays its first response; see IdempotencyInterceptor. */
export const Idempotent = () => UseInterceptors(IdempotencyInterceptor);
