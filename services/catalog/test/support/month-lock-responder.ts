import { createLogger } from '@gym/logging';
import { BrokerConnection, RpcServer, resolveMessagingOptions } from '@gym/messaging';
import { uniqueName } from '@gym/testing';
import {
  MONTH_LOCK_STATUS_PATTERN,
  type MonthLockStatusReply,
} from '../../src/sales/month-lock-guard.js';

/**
 * Serves billing.month-lock.status on the RPC exchange the way billing does, from an in-memory
 * set of locked months, and can stop and start serving like a billing instance going down.
 */
export interface MonthLockResponder {
  /** Name of the durable RPC queue, for cleanup. */
  queue: string;
  lock(tenantId: string, month: string): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

export async function startMonthLockResponder(
  amqpUrl: string,
  exchange: string,
): Promise<MonthLockResponder> {
  const options = resolveMessagingOptions({
    url: amqpUrl,
    serviceName: `${uniqueName('billing-stand-in')}.billing`,
    exchange,
    logger: createLogger({ serviceName: 'billing-stand-in', level: 'silent' }),
  });
  const connection = new BrokerConnection(options);
  const server = new RpcServer(connection, options);
  const locked = new Set<string>();

  server.handle<{ tenantId: string; date: string }, MonthLockStatusReply>(
    MONTH_LOCK_STATUS_PATTERN,
    async ({ tenantId, date }) => {
      const month = date.slice(0, 7);
      const isLocked = locked.has(`${tenantId}:${month}`);
      return {
        tenantId,
        month,
        locked: isLocked,
        lockedAt: isLocked ? new Date().toISOString() : null,
      };
    },
  );
  await connection.start();
  await server.start();

  return {
    queue: server.queue,
    lock: (tenantId, month) => locked.add(`${tenantId}:${month}`),
    start: () => server.start(),
    stop: () => server.stop(),
    async close() {
      await server.stop();
      await connection.close();
    },
  };
}
