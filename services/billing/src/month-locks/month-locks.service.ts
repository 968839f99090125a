import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '@gym/auth';
import { AppException } from '@gym/errors';
import { recordIdempotentResponse } from '@gym/idempotency';
import { enqueueEvent } from '@gym/messaging';
import { monthOf } from '../common/business-date.js';
import { toPage, type Page, type PaginationQuery } from '@gym/http';
import { BILLING_SCHEMA } from '../database/schema.js';
import { TenantCalendar } from '../replicas/tenant-calendar.js';
import { lockMonthKey } from './month-lock-check.js';
import { RevenueMonthLock } from './revenue-month-lock.entity.js';

export const MONTH_LOCKED = 'billing.month.locked';
export const MONTH_UNLOCKED = 'billing.month.unlocked';

export interface MonthLockView {
  month: string;
  lockedBy: string;
  lockedAt: Date;
}

function toMonthLockView(lock: RevenueMonthLock): MonthLockView {
  return { month: lock.month, lockedBy: lock.lockedBy, lockedAt: lock.lockedAt };
}

/** Locks and unlocks revenue months; each change is kept in the history and published. */
@Injectable()
export class MonthLocksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: TenantCalendar,
  ) {}

  async list(tenantId: string, query: PaginationQuery): Promise<Page<MonthLockView>> {
    const [locks, total] = await this.dataSource.getRepository(RevenueMonthLock).findAndCount({
      where: { tenantId },
      order: { month: 'DESC' },
      skip: (query.page - 1) * query.limit,
      take: query.limit,
    });
    return toPage(locks.map(toMonthLockView), total, query);
  }

  /** Locks a past or current month; a month that has not started raises 400 MONTH_IN_FUTURE. */
  async lock(principal: Principal, month: string): Promise<MonthLockView> {
    const { tenantId } = principal;
    return this.dataSource.transaction(async (manager) => {
      if (month > monthOf(await this.calendar.today(tenantId, manager))) {
        throw new AppException('MONTH_IN_FUTURE', { month });
      }
      await lockMonthKey(manager, tenantId, month, 'exclusive');

      const rows: { locked_at: Date }[] = await manager.query(
        `INSERT INTO ${BILLING_SCHEMA}.revenue_month_locks (tenant_id, month, locked_by)
         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING locked_at`,
        [tenantId, month, principal.userId],
      );
      if (rows.length === 0) throw new AppException('MONTH_ALREADY_LOCKED', { month });

      const view = { month, lockedBy: principal.userId, lockedAt: rows[0]!.locked_at };
      await this.recordChange(manager, tenantId, month, 'LOCKED', principal.userId);
      await enqueueEvent(manager, {
        type: MONTH_LOCKED,
        tenantId,
        data: { month, lockedBy: view.lockedBy, lockedAt: new Date(view.lockedAt).toISOString() },
      });
      await recordIdempotentResponse(manager, view);
      return view;
    });
  }

  /** Unlocks a month; a month that is not locked raises 404 MONTH_NOT_LOCKED. */
  async unlock(principal: Principal, month: string): Promise<void> {
    const { tenantId } = principal;
    await this.dataSource.transaction(async (manager) => {
      await lockMonthKey(manager, tenantId, month, 'exclusive');
      const [deleted]: [unknown[], number] = await manager.query(
        `DELETE FROM ${BILLING_SCHEMA}.revenue_month_locks WHERE tenant_id = $1 AND month = $2
         RETURNING month`,
        [tenantId, month],
      );
      if (deleted.length === 0) throw new AppException('MONTH_NOT_LOCKED', { month });

      const unlockedAt = await this.recordChange(
        manager,
        tenantId,
        month,
        'UNLOCKED',
        principal.userId,
      );
      await enqueueEvent(manager, {
        type: MONTH_UNLOCKED,
        tenantId,
        data: { month, unlockedBy: principal.userId, unlockedAt: unlockedAt.toISOString() },
      });
    });
  }

  private async recordChange(
    manager: EntityManager,
    tenantId: string,
    month: string,
    action: 'LOCKED' | 'UNLOCKED',
    userId: string,
  ): Promise<Date> {
    const [row]: { occurred_at: Date }[] = await manager.query(
      `INSERT INTO ${BILLING_SCHEMA}.revenue_month_lock_history (tenant_id, month, action, user_id)
       VALUES ($1, $2, $3, $4) RETURNING occurred_at`,
      [tenantId, month, action, userId],
    );
    return new Date(row!.occurred_at);
  }
}
