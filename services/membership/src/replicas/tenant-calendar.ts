import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { businessDate, DEFAULT_TIME_ZONE } from '../common/business-date.js';
import type { Clock } from '../common/clock.js';
import { CLOCK } from '../common/tokens.js';
import { TenantReplica } from './tenant-replica.entity.js';

/** Tells "today" for a tenant: the clock's instant as a date in the tenant's timezone. */
@Injectable()
export class TenantCalendar {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Returns the tenant's IANA zone from the replica. A tenant whose created event has not
   * arrived yet gets the platform default, Europe/Istanbul, which every new tenant starts with.
   */
  async timeZone(tenantId: string, manager: EntityManager = this.dataSource.manager) {
    const tenant = await manager.getRepository(TenantReplica).findOneBy({ tenantId });
    return tenant?.timezone ?? DEFAULT_TIME_ZONE;
  }

  async today(tenantId: string, manager?: EntityManager): Promise<string> {
    return this.todayIn(await this.timeZone(tenantId, manager));
  }

  /** Returns today's date in a zone the caller already read, such as an import's once per file. */
  todayIn(timeZone: string): string {
    return businessDate(this.clock.now(), timeZone);
  }
}
