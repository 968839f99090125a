import pg from 'pg';

/** Unsent rows (no broker confirm yet) of every `outbox_event` table of a database, by schema. */
export async function countUnsentOutboxEvents(databaseUrl: string): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ schema: string }>(
      `SELECT table_schema AS schema FROM information_schema.tables
        WHERE table_name = 'outbox_event' ORDER BY table_schema`,
    );
    const counts = new Map<string, number>();
    for (const { schema } of tables.rows) {
      const result = await client.query<{ unsent: number }>(
        `SELECT count(*)::int AS unsent FROM ${client.escapeIdentifier(schema)}.outbox_event
          WHERE sent_at IS NULL`,
      );
      counts.set(schema, result.rows[0]!.unsent);
    }
    return counts;
  } finally {
    await client.end();
  }
}

/** An outbox row: its envelope id, event type and the time of the broker's confirm. */
export interface OutboxEventRow {
  id: string;
  type: string;
  sentAt: Date | null;
}

/**
 * Rows of the `outbox_event` table in `schema`, in insertion order: the unsent ones, or those
 * with the given ids.
 */
export async function listOutboxEvents(
  databaseUrl: string,
  schema: string,
  filter: { unsent: true } | { ids: string[] },
): Promise<OutboxEventRow[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const condition = 'ids' in filter ? 'id = ANY($1::uuid[])' : 'sent_at IS NULL';
    const result = await client.query<OutboxEventRow>(
      `SELECT id, type, sent_at AS "sentAt" FROM ${client.escapeIdentifier(schema)}.outbox_event
        WHERE ${condition} ORDER BY position`,
      'ids' in filter ? [filter.ids] : [],
    );
    return result.rows;
  } finally {
    await client.end();
  }
}
