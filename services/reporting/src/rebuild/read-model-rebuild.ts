import type { ConsumeMessage } from 'amqplib';
import type { DataSource } from 'typeorm';
import {
  parseEventEnvelope,
  replayPattern,
  type BrokerConnection,
  type ReplayReply,
  type RpcClient,
} from '@gym/messaging';
import { REPORTING_SCHEMA } from '../database/schema.js';
import { projectionHandlers } from '../projections/projection-handlers.js';
import { ownedRows } from './owned-rows.js';
import { ReplayQueue } from './replay-queue.js';

/**
 * The services whose state reporting is built from, in replay order: tenants first, so member
 * creation dates are read in the tenant's timezone.
 */
export const replayOwners = ['identity', 'membership', 'billing', 'catalog'];

export interface RebuildOptions {
  /** Rebuilds one tenant; absent, every tenant. */
  tenantId?: string;
  /** Prefix of reporting's broker names (AMQP_QUEUE_PREFIX). */
  queuePrefix: string;
  owners?: string[];
  /** Deadline of each owner's replay. */
  ownerTimeoutMs: number;
  /** Receives one line of progress at a time. */
  progress: (line: string) => void;
}

export interface RebuildSummary {
  owners: { owner: string; published: number; applied: number }[];
}

const PROGRESS_INTERVAL_MS = 2_000;
const BATCH_ATTEMPTS = 3;

/**
 * Wipes the replayed owners' read models (one tenant's, or all with the inbox), asks each owner to replay its
 * current state to a temporary queue, and applies the events with the live handlers.
 */
export async function rebuildReadModels(
  dataSource: DataSource,
  connection: BrokerConnection,
  rpcClient: RpcClient,
  options: RebuildOptions,
): Promise<RebuildSummary> {
  const queue = new ReplayQueue(connection, options.queuePrefix);
  await queue.open();
  try {
    const owners = options.owners ?? replayOwners;
    await wipe(dataSource, owners, options.tenantId, options.queuePrefix);
    options.progress(
      `Wiped the read models of ${options.tenantId ? `tenant ${options.tenantId}` : 'every tenant'}`,
    );

    const summary: RebuildSummary = { owners: [] };
    for (const owner of owners) {
      summary.owners.push(await replayOwner(dataSource, rpcClient, queue, owner, options));
    }
    return summary;
  } finally {
    await queue.close();
  }
}

/**
 * Deletes the owners' read-model rows in one transaction. The exclusive locks make live handlers
 * wait for the commit, so none of their changes is half wiped. They then apply on top of the
 * empty rows. A rebuild of every tenant also clears reporting's inbox.
 */
async function wipe(
  dataSource: DataSource,
  owners: string[],
  tenantId: string | undefined,
  queuePrefix: string,
) {
  const rows = owners.flatMap((owner) => {
    const owned = ownedRows[owner];
    if (!owned) throw new Error(`Unknown replay owner ${owner}: add its rows to ownedRows`);
    return owned;
  });
  const tables = [...new Set(rows.map((row) => `${REPORTING_SCHEMA}.${row.table}`))].sort();

  await dataSource.transaction(async (manager) => {
    await manager.query(`LOCK TABLE ${tables.join(', ')} IN EXCLUSIVE MODE`);
    for (const row of rows) {
      const conditions = [tenantId ? 'tenant_id = $1' : 'TRUE', row.where ?? 'TRUE'];
      await manager.query(
        `DELETE FROM ${REPORTING_SCHEMA}.${row.table} WHERE ${conditions.join(' AND ')}`,
        tenantId ? [tenantId] : [],
      );
    }
    if (!tenantId) {
      await manager.query(`DELETE FROM ${REPORTING_SCHEMA}.inbox_message WHERE consumer = $1`, [
        `${queuePrefix}reporting`,
      ]);
    }
  });
}

async function replayOwner(
  dataSource: DataSource,
  rpcClient: RpcClient,
  queue: ReplayQueue,
  owner: string,
  options: RebuildOptions,
) {
  options.progress(`${owner}: asking for a replay`);
  let published: number | undefined;
  let failure: unknown;
  const call = rpcClient
    .call<ReplayReply>(
      replayPattern(owner),
      { tenantId: options.tenantId, targetQueue: queue.queue },
      { timeoutMs: options.ownerTimeoutMs },
    )
    .then(
      (reply) => (published = reply.published),
      (error: unknown) => (failure = error),
    );

  let applied = 0;
  let reported = Date.now();
  while (failure === undefined && (published === undefined || applied < published)) {
    const messages = await queue.take(100);
    if (messages.length > 0) {
      await applyBatch(dataSource, messages);
      queue.ack(messages[messages.length - 1]!);
      applied += messages.length;
    }
    if (Date.now() - reported >= PROGRESS_INTERVAL_MS) {
      reported = Date.now();
      options.progress(`${owner}: ${applied} events applied${published ? ` of ${published}` : ''}`);
    }
  }
  await call;
  if (failure !== undefined) {
    throw new Error(`${owner} did not replay its state: ${(failure as Error).message}`);
  }
  options.progress(`${owner}: done, ${applied} events applied`);
  return { owner, published: published!, applied };
}

/** Applies replayed events in one transaction, retried when it meets a deadlock. */
async function applyBatch(dataSource: DataSource, messages: ConsumeMessage[]): Promise<void> {
  const envelopes = messages.map((message) => parseEventEnvelope(message.content));
  for (let attempt = 1; ; attempt++) {
    try {
      await dataSource.transaction(async (manager) => {
        for (const envelope of envelopes) {
          const handler = projectionHandlers[envelope.type];
          if (!handler) throw new Error(`No read-model handler for replayed ${envelope.type}`);
          await handler(envelope, manager);
        }
      });
      return;
    } catch (error) {
      if (attempt >= BATCH_ATTEMPTS || (error as { code?: string }).code !== '40P01') throw error;
    }
  }
}
