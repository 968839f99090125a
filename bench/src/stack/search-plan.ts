import pg from 'pg';

/**
 * Runs EXPLAIN ANALYZE on the two statements a member search sends, the total count and the
 * first page of 20 newest members, as membership's MemberReader builds them for a search
 * without other filters. Returns the sum of their execution times in milliseconds.
 */
export async function searchExecutionMs(
  databaseUrl: string,
  tenantId: string,
  patterns: string[],
): Promise<number> {
  const match = patterns.map((_, index) => `m.search_text LIKE $${index + 2}`).join(' OR ');
  const statements = [
    `SELECT count(DISTINCT m.id) FROM membership.members m WHERE m.tenant_id = $1 AND (${match})`,
    `SELECT m.* FROM membership.members m WHERE m.tenant_id = $1 AND (${match})
     ORDER BY (m.created_at + interval '0 seconds') DESC, m.id ASC LIMIT 20`,
  ];
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let total = 0;
    for (const statement of statements) {
      const result = await client.query<{ 'QUERY PLAN': [{ 'Execution Time': number }] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${statement}`,
        [tenantId, ...patterns],
      );
      total += result.rows[0]!['QUERY PLAN'][0]['Execution Time'];
    }
    return total;
  } finally {
    await client.end();
  }
}
