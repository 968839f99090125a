import pg from 'pg';

/**
 * Returns which of `eventIds` the consumers of `schema` have processed, as recorded in its
 * `inbox_message` table.
 */
export async function findProcessedEventIds(
  databaseUrl: string,
  schema: string,
  eventIds: string[],
): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ eventId: string }>(
      `SELECT DISTINCT event_id AS "eventId" FROM ${client.escapeIdentifier(schema)}.inbox_message
        WHERE event_id = ANY($1::uuid[])`,
      [eventIds],
    );
    return new Set(result.rows.map((row) => row.eventId));
  } finally {
    await client.end();
  }
}
