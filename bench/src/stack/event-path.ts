import { withClient } from './replicate-members.js';

/** Returns the current time of the PostgreSQL server behind `databaseUrl`. */
export async function databaseNow(databaseUrl: string): Promise<Date> {
  return withClient(databaseUrl, async (client) => {
    const result = await client.query<{ now: Date }>('SELECT clock_timestamp() AS now');
    return result.rows[0]!.now;
  });
}

/**
 * Returns, for each payment event that billing's outbox contains since `since`, the milliseconds
 * from the relay's claim to reporting's transaction: the outbox row's `sent_at` (the start of
 * the relay transaction that claimed and published it) to reporting's inbox `processed_at` (the
 * start of the transaction that applied it). That covers the publish and its confirm, the
 * broker and the wait in reporting's queue. Both databases live on one PostgreSQL server, so
 * the two timestamps share its clock. Events not yet sent or applied are left out.
 */
export async function claimToAppliedMs(
  urls: { billing: string; reporting: string },
  since: Date,
): Promise<number[]> {
  const sent = await withClient(urls.billing, async (client) => {
    const result = await client.query<{ id: string; sent: string | null }>(
      `SELECT id, extract(epoch FROM sent_at) * 1000 AS sent
         FROM billing.outbox_event
        WHERE type = 'billing.payment.recorded' AND created_at >= $1`,
      [since],
    );
    return result.rows;
  });
  const applied = await withClient(urls.reporting, async (client) => {
    const result = await client.query<{ id: string; processed: string }>(
      `SELECT event_id AS id, extract(epoch FROM processed_at) * 1000 AS processed
         FROM reporting.inbox_message WHERE event_id = ANY($1::uuid[])`,
      [sent.map((row) => row.id)],
    );
    return new Map(result.rows.map((row) => [row.id, Number(row.processed)]));
  });

  const stages: number[] = [];
  for (const row of sent) {
    const processed = applied.get(row.id);
    if (row.sent !== null && processed !== undefined) stages.push(processed - Number(row.sent));
  }
  return stages;
}
