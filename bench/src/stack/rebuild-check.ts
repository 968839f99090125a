import { isDeepStrictEqual } from 'node:util';
import type { GymOwner, IdentityFlows, ReportingProcess } from '@gym/stack';

/** Reads every report route that the aggregates serve, for one tenant, as its owner. */
async function readReports(flows: IdentityFlows, owner: GymOwner, month: string) {
  const paths = [
    '/api/v1/dashboard/summary',
    '/api/v1/dashboard/monthly-members?months=24',
    `/api/v1/reports/revenue?month=${month}`,
    '/api/v1/reports/revenue-trend?months=24',
  ];
  const reports: Record<string, unknown> = {};
  for (const path of paths) {
    const response = await flows.call('GET', path, { token: owner.accessToken });
    if (response.status !== 200)
      throw new Error(`GET ${path} returned ${response.status}: ${response.text}`);
    reports[path] = response.body;
  }
  return reports;
}

/**
 * Checks the bulk-loaded aggregates of one tenant against reporting's own handlers. Reads every
 * report, then runs `npm run rebuild` of reporting for the tenant, which replays the owners' rows
 * as events through the live handlers. Fails unless every report reads the same afterwards, and
 * returns the rebuild's time in seconds.
 */
export async function checkAgainstRebuild(
  flows: IdentityFlows,
  reporting: ReportingProcess,
  owner: GymOwner,
  month: string,
): Promise<number> {
  const loaded = await readReports(flows, owner, month);
  const started = Date.now();
  await reporting.rebuild(owner.tenantId);
  const seconds = (Date.now() - started) / 1000;
  const rebuilt = await readReports(flows, owner, month);
  for (const path of Object.keys(loaded)) {
    if (!isDeepStrictEqual(loaded[path], rebuilt[path])) {
      throw new Error(
        `${path} differs after reporting's rebuild.\nBulk-loaded: ${JSON.stringify(loaded[path])}\nRebuilt: ${JSON.stringify(rebuilt[path])}`,
      );
    }
  }
  return seconds;
}
