import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RpcServer } from '@gym/messaging';
import { isCalendarDate, monthOf } from '../common/business-date.js';
import { RevenueMonthLock } from './revenue-month-lock.entity.js';

/** RPC pattern other services call to ask whether a business date lies in a locked month. */
export const MONTH_LOCK_STATUS_PATTERN = 'billing.month-lock.status';

export interface MonthLockStatusRequest {
  tenantId: string;
  /** Business date `YYYY-MM-DD` in the tenant's timezone. */
  date: string;
}

export interface MonthLockStatusReply {
  tenantId: string;
  month: string;
  locked: boolean;
  lockedAt: string | null;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Raised for a malformed request; the caller gets its code INVALID_REQUEST. */
class InvalidRequestError extends Error {
  readonly code = 'INVALID_REQUEST';
}

/** Serves billing.month-lock.status from the authoritative lock table, never from a cache. */
@Injectable()
export class MonthLockStatusRpc implements OnModuleInit {
  constructor(
    @Inject(RpcServer) private readonly server: RpcServer,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.server.handle<MonthLockStatusRequest, MonthLockStatusReply>(
      MONTH_LOCK_STATUS_PATTERN,
      (payload) => this.status(payload),
    );
  }

  async status(payload: MonthLockStatusRequest): Promise<MonthLockStatusReply> {
    const { tenantId, date } = payload ?? ({} as MonthLockStatusRequest);
    if (typeof tenantId !== 'string' || !UUID_PATTERN.test(tenantId) || !isCalendarDate(date)) {
      throw new InvalidRequestError(
        'Invalid billing.month-lock.status request: expected { tenantId: UUID, date: YYYY-MM-DD }',
      );
    }

    const month = monthOf(date);
    const lock = await this.dataSource
      .getRepository(RevenueMonthLock)
      .findOneBy({ tenantId, month });
    return {
      tenantId,
      month,
      locked: lock !== null,
      lockedAt: lock ? lock.lockedAt.toISOString() : null,
    };
  }
}
