import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppException } from '@gym/errors';
import { RpcClient, RpcError, RpcRemoteError } from '@gym/messaging';
import { CATALOG_CONFIG, type CatalogConfig } from '../config.js';
import { PINO_LOGGER } from '../common/tokens.js';

/** Billing's RPC pattern that returns whether a business date lies in a locked revenue month. */
export const MONTH_LOCK_STATUS_PATTERN = 'billing.month-lock.status';

/** Billing's reply to billing.month-lock.status. */
export interface MonthLockStatusReply {
  tenantId: string;
  month: string;
  locked: boolean;
  lockedAt: string | null;
}

/** Retry-After of a failed check when billing replied with an error instead of timing out. */
const REMOTE_ERROR_RETRY_AFTER_SECONDS = 5;

/**
 * Asks billing, the owner of revenue month locks, whether a sale's date may be written. A locked
 * month raises 409 MONTH_LOCKED. When billing cannot reply (deadline passed, circuit open,
 * broker down or an error reply) it raises 503 MONTH_LOCK_CHECK_UNAVAILABLE with Retry-After
 * instead of assuming the month is open.
 */
@Injectable()
export class MonthLockGuard {
  private readonly logger: Logger;

  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(CATALOG_CONFIG) private readonly config: CatalogConfig,
    @Inject(PINO_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'month-lock-guard' });
  }

  async assertUnlocked(tenantId: string, date: string): Promise<void> {
    let reply: MonthLockStatusReply;
    try {
      reply = await this.rpc.call<MonthLockStatusReply>(
        MONTH_LOCK_STATUS_PATTERN,
        { tenantId, date },
        { timeoutMs: this.config.MONTH_LOCK_RPC_TIMEOUT_MS },
      );
    } catch (error) {
      if (!(error instanceof RpcError)) throw error;
      const retryAfterSeconds =
        error instanceof RpcRemoteError
          ? REMOTE_ERROR_RETRY_AFTER_SECONDS
          : (error as RpcError & { retryAfterSeconds: number }).retryAfterSeconds;
      this.logger.warn(
        { err: error, tenantId, date },
        'Month lock check failed, so the sale change is rejected with 503',
      );
      throw new AppException('MONTH_LOCK_CHECK_UNAVAILABLE', { retryAfterSeconds }, undefined, {
        'Retry-After': String(retryAfterSeconds),
      });
    }
    if (reply.locked) throw new AppException('MONTH_LOCKED', { month: reply.month });
  }
}
