import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MemberReader } from '../src/members/member-reader.js';
import { ListMembersQuery, type MemberSort } from '../src/members/member.dto.js';
import { startMembership, type MembershipHarness } from './support/membership-harness.js';

/** Members of the large tenant; the acceptance target is search staying indexed at 100k. */
const MEMBER_COUNT = 100_000;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

describe('member search on a large tenant', () => {
  let harness: MembershipHarness;
  let tenantId: string;

  before(async () => {
    harness = await startMembership();
    const tenant = await harness.createTenant();
    tenantId = tenant.tenantId;
    const plan = await harness.createPlan(tenant);
    // Seeding 100,000 rows may outlast the pool's statement timeout on a busy machine.
    await harness.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL statement_timeout = 0');
      await manager.query(
        `INSERT INTO membership.members (tenant_id, branch_id, plan_id, first_name, last_name, phone,
         membership_start_date, membership_end_date, status, search_text)
       SELECT $1, $2, $3, 'Ad' || i, 'Soyad' || md5(i::text), '+90532' || lpad(i::text, 7, '0'),
         '2026-01-01', '2026-12-31', 'ACTIVE',
         'ad' || i || ' soyad' || md5(i::text) || ' 90532' || lpad(i::text, 7, '0') || ' 0532' || lpad(i::text, 7, '0')
       FROM generate_series(1, $4::int) AS i`,
        [tenantId, tenant.branchId, plan.id, MEMBER_COUNT],
      );
    });
    await harness.createMember(tenant, { firstName: 'İSMAİL', lastName: 'Işık' });
    await harness.dataSource.query('ANALYZE membership.members');
  });
  after(async () => {
    await harness?.close();
  });

  async function explain(search: string, sort: MemberSort): Promise<PlanNode[]> {
    const query = Object.assign(new ListMembersQuery(), { search, sort, page: 1, limit: 20 });
    const builder = harness.app.get(MemberReader).filtered(tenantId, query, '2026-06-01');
    const [sql, parameters] = builder.limit(20).getQueryAndParameters();
    const [row] = await harness.dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters);
    return nodesOf(row['QUERY PLAN'][0].Plan as PlanNode);
  }

  for (const [term, sort] of [
    ['ismail', '-createdAt'],
    ['ışık', 'name'],
    ['0532 000 12', '-createdAt'],
    ['0532 000 12', 'membershipEndDate'],
    ['ismail', 'membershipEndDate'],
  ] as const) {
    it(`search for "${term}" by ${sort} reads the trigram index`, async () => {
      const nodes = await explain(term, sort);

      const indexNames = nodes.map((node) => node['Index Name']).filter(Boolean);
      assert.ok(indexNames.includes('members_search_idx'), JSON.stringify(nodes));
      assert.ok(
        !nodes.some(
          (node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'members',
        ),
        `no sequential scan of members: ${JSON.stringify(nodes)}`,
      );
    });
  }

  it('search answers within the page limit', async () => {
    const response = await harness.request('GET', '/api/v1/members?search=ismail', {
      token: await harness.tokens.sign({ tenantId, role: 'STAFF' }),
    });

    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.meta.total, 1);
    assert.equal(response.body.data[0].firstName, 'İSMAİL');
  });
});
