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
