import pg from 'pg';

interface MemberRow {
  id: string;
  branch_id: string;
  status: string;
  membership_start_date: string;
  membership_end_date: string;
  created_at: string;
  archived_at: string | null;
  updated_at: string;
}

/**
 * Copies one tenant's members from membership's table into billing's member replicas and
 * reporting's member facts, as their event consumers would have stored them, and returns the
 * member ids. Members the consumers already stored keep their rows. Reporting dates the
 * creation and archive instants in the tenant's zone from its replica (Europe/Istanbul until
 * identity's event arrives), as its member projection does. Reporting's aggregates are not
 * touched: `deriveReportingAggregates` rebuilds them from the facts.
 */
export async function replicateMembers(
  urls: { membership: string; billing: string; reporting: string },
  tenantId: string,
): Promise<string[]> {
  const rows = await withClient(urls.membership, async (client) => {
    const result = await client.query<MemberRow>(
      `SELECT id, branch_id, status, membership_start_date::text AS membership_start_date,
              membership_end_date::text AS membership_end_date, created_at::text AS created_at,
              archived_at::text AS archived_at, updated_at::text AS updated_at
         FROM membership.members WHERE tenant_id = $1`,
      [tenantId],
    );
    return result.rows;
  });
  const column = <K extends keyof MemberRow>(name: K) => rows.map((row) => row[name]);

  await withClient(urls.billing, (client) =>
    client.query(
      `INSERT INTO billing.member_replicas (member_id, tenant_id, branch_id, status, source_occurred_at)
       SELECT id, $1, branch_id, status, updated_at
         FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[])
           AS m(id, branch_id, status, updated_at)
       ON CONFLICT (member_id) DO NOTHING`,
      [tenantId, column('id'), column('branch_id'), column('status'), column('updated_at')],
    ),
  );

  await withClient(urls.reporting, (client) =>
    client.query(
      `WITH zone AS (
         SELECT COALESCE((SELECT timezone FROM reporting.tenants WHERE tenant_id = $1),
                         'Europe/Istanbul') AS name)
       INSERT INTO reporting.member_facts (member_id, tenant_id, branch_id, status, created_on,
         term_start, term_end, archived_on, source_occurred_at)
       SELECT m.id, $1, m.branch_id, m.status, (m.created_at AT TIME ZONE zone.name)::date,
              m.term_start, m.term_end,
              CASE WHEN m.status = 'ARCHIVED'
                   THEN (COALESCE(m.archived_at, m.updated_at) AT TIME ZONE zone.name)::date END,
              m.updated_at
         FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::date[], $6::date[],
                     $7::timestamptz[], $8::timestamptz[], $9::timestamptz[])
           AS m(id, branch_id, status, term_start, term_end, created_at, archived_at, updated_at)
         CROSS JOIN zone
       ON CONFLICT (member_id) DO NOTHING`,
      [
        tenantId,
        column('id'),
        column('branch_id'),
        column('status'),
        column('membership_start_date'),
        column('membership_end_date'),
        column('created_at'),
        column('archived_at'),
        column('updated_at'),
      ],
    ),
  );
  return column('id');
}

/** Runs `work` with a new connection to `databaseUrl` and closes it afterwards. */
export async function withClient<T>(
  databaseUrl: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
