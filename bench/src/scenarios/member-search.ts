import { createPlanOnceReplicated } from '@gym/stack';
import { percentile, probeLatencies } from '../load/latency-probe.js';
import type { Figure } from '../report/results.js';
import { startBenchStack } from '../stack/bench-stack.js';
import { insertMembers } from '../stack/bulk-members.js';
import { searchExecutionMs } from '../stack/search-plan.js';
import type { Scenario } from './scenario.js';

const LARGE_TENANT_MEMBERS = 100_000;
const SMALL_TENANT_MEMBERS = 10_000;
const REQUESTS_PER_RUN = 200;

/** A full name and part of a phone number, as a front desk types them. */
const searches = [
  { name: 'by name', term: 'Zeynep Kaya', patterns: ['%zeynep kaya%'] },
  { name: 'by phone', term: '0532 004 12', patterns: ['%0532 004 12%', '%053200412%'] },
];

/**
 * Member search through the gateway in a tenant of 100,000 members, against the same searches
 * in a tenant 10× smaller on the same database.
 */
export const memberSearchScenario: Scenario = {
  id: 'member-search',
  title: `Member search in a ${LARGE_TENANT_MEMBERS.toLocaleString('en-US')}-member tenant`,
  async run({ settings, log }) {
    const stack = await startBenchStack();
    const large = stack.owner;
    const series = () =>
      Object.fromEntries(
        searches.map(({ name }) => [name, { large: [] as number[], small: [] as number[] }]),
      );
    const p95 = series();
    const database = series();
    let loadSeconds = 0;
    try {
      const small = await stack.flows.signUp('Kuzey Spor');
      const smallBranch = await stack.flows.defaultBranch(small);
      const smallPlan = await createPlanOnceReplicated(stack.flows, small, smallBranch.id);

      const loadStarted = Date.now();
      await insertMembers(
        stack.membership.databaseUrl,
        { tenantId: large.tenantId, branchId: stack.branch.id, planId: stack.plan.id },
        LARGE_TENANT_MEMBERS,
        0,
      );
      await insertMembers(
        stack.membership.databaseUrl,
        { tenantId: small.tenantId, branchId: smallBranch.id, planId: smallPlan.id },
        SMALL_TENANT_MEMBERS,
        LARGE_TENANT_MEMBERS,
      );
      loadSeconds = (Date.now() - loadStarted) / 1000;
      log(
        `loaded ${LARGE_TENANT_MEMBERS + SMALL_TENANT_MEMBERS} members in ${loadSeconds.toFixed(1)} s`,
      );

      for (let run = 1; run <= settings.runs; run += 1) {
        for (const { name, term, patterns } of searches) {
          const path = `/api/v1/members?search=${encodeURIComponent(term)}`;
          for (const [size, owner] of [
            ['small', small],
            ['large', large],
          ] as const) {
            database[name]![size].push(
              await searchExecutionMs(stack.membership.databaseUrl, owner.tenantId, patterns),
            );
            const samples = await probeLatencies(
              `${stack.gateway.baseUrl}${path}`,
              { authorization: `Bearer ${owner.accessToken}` },
              { count: REQUESTS_PER_RUN, maxSeconds: 60 },
            );
            p95[name]![size].push(percentile(samples, 95));
          }
          log(
            `run ${run} ${name}: p95 large ${p95[name]!.large.at(-1)!.toFixed(1)} ms, small ${p95[name]!.small.at(-1)!.toFixed(1)} ms`,
          );
        }
      }
    } finally {
      await stack.close();
    }
    const baselineLabel = `${SMALL_TENANT_MEMBERS.toLocaleString('en-US')}-member tenant`;
    const figures: Figure[] = searches.flatMap(({ name, term }) => [
      {
        label: `search ${name} ("${term}"), p95`,
        unit: 'ms',
        runs: p95[name]!.large,
        baseline: { label: baselineLabel, unit: 'ms', runs: p95[name]!.small },
        targets: [{ on: 'value', op: '<=', limit: 30 }],
      },
      {
        label: `search ${name}, count and page statements in PostgreSQL (EXPLAIN ANALYZE)`,
        unit: 'ms',
        runs: database[name]!.large,
        baseline: { label: baselineLabel, unit: 'ms', runs: database[name]!.small },
      },
    ]);
    return {
      figures,
      notes: [
        `Members are inserted with generate_series straight into membership's \`members\` table (${loadSeconds.toFixed(1)} s for both tenants), because the search reads only that table and its trigram index: replaying ${(LARGE_TENANT_MEMBERS + SMALL_TENANT_MEMBERS).toLocaleString('en-US')} creations through the API or events would measure the import instead. Names repeat from lists of 20 first and 25 last names, so a full name matches 200 members of the large tenant; phones are unique.`,
        `Each run sends ${REQUESTS_PER_RUN} sequential GET /api/v1/members?search= requests per search and tenant through the gateway (first page of 20, newest first, with the total count) and takes their 95th percentile.`,
      ],
    };
  },
};
