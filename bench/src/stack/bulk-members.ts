import pg from 'pg';

const firstNames = [
  'Zeynep',
  'Mehmet',
  'Elif',
  'Mustafa',
  'Defne',
  'Ahmet',
  'Ecrin',
  'Emre',
  'Merve',
  'Burak',
  'Deniz',
  'Kemal',
  'Selin',
  'Hakan',
  'Derya',
  'Murat',
  'Esra',
  'Oguz',
  'Buse',
  'Kerem',
];
const lastNames = [
  'Kaya',
  'Demir',
  'Sahin',
  'Celik',
  'Yildiz',
  'Aydin',
  'Arslan',
  'Dogan',
  'Kilic',
  'Aslan',
  'Cetin',
  'Kara',
  'Koc',
  'Kurt',
  'Ozdemir',
  'Polat',
  'Erdem',
  'Tekin',
  'Aksoy',
  'Bulut',
  'Keskin',
  'Korkmaz',
  'Unal',
  'Gunes',
  'Bozkurt',
];

/**
 * Inserts `count` ACTIVE members of one branch and plan straight into membership's `members`
 * table with generate_series, then runs VACUUM ANALYZE on it, as autovacuum does after many
 * inserts: VACUUM moves the GIN pending list (fastupdate) into the trigram index, and until then
 * every search scans that list. Names are plain ASCII, so PostgreSQL's lower()
 * gives the same `search_text` as the service's Turkish folding. Phones are +90532 followed by
 * `phoneOffset + i` in seven digits, stored with the international and national digit forms the
 * service stores.
 */
export async function insertMembers(
  databaseUrl: string,
  target: { tenantId: string; branchId: string; planId: string },
  count: number,
  phoneOffset: number,
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `WITH generated AS (
         SELECT i,
           ($5::text[])[1 + i % cardinality($5::text[])] AS first_name,
           ($6::text[])[1 + (i / cardinality($5::text[])) % cardinality($6::text[])] AS last_name,
           lpad(($7::int + i)::text, 7, '0') AS digits
         FROM generate_series(1, $4::int) AS i)
       INSERT INTO membership.members (tenant_id, branch_id, plan_id, first_name, last_name, phone,
         membership_start_date, membership_end_date, status, search_text, created_at)
       SELECT $1, $2, $3, first_name, last_name, '+90532' || digits,
         current_date - 30, current_date + 335, 'ACTIVE',
         lower(first_name || ' ' || last_name) || ' 90532' || digits || ' 0532' || digits,
         now() - make_interval(mins => i)
       FROM generated`,
      [target.tenantId, target.branchId, target.planId, count, firstNames, lastNames, phoneOffset],
    );
    await client.query('VACUUM ANALYZE membership.members');
  } finally {
    await client.end();
  }
}
