import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { localDate, tenantTimeZone } from '../projections/calendar.js';
import type { Clock } from './clock.js';
import { CLOCK } from './tokens.js';

/** Returns "today" for a tenant: the clock's instant as a date in the tenant's timezone. */
@Injectable()
export class TenantCalendar {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async today(tenantId: string): Promise<string> {
    const zone = await tenantTimeZone(this.dataSource.manager, tenantId);
    return localDate(this.clock.now(), zone);
  }
}
