import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import pg from 'pg';
import { request, type HttpResult } from '@gym/stack';
import { IdentityFlows } from '@gym/stack';
import { LOAD_TEST_GATEWAY_ENV, startPlatform, type Platform } from '../support/platform.js';
import { createTenantFixture, type TenantFixture } from '../support/tenant-fixtures.js';
import type { UpstreamProcess } from '../support/upstream-process.js';

/** Time between SIGTERM and closing the listener, as a load balancer needs to stop routing. */
const DRAIN_DELAY_MS = 1_500;
/** How long the slow requests stay blocked on a row lock after SIGTERM. */
const SLOW_REQUEST_HOLD_MS = 2_500;
const EXIT_DEADLINE_MS = 15_000;
const SLOW_REQUESTS = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface StreamResult {
  status?: number;
  error?: string;
  at: number;
}

/** Sends GET requests one after another until `stop` is set, recording each outcome. */
async function requestStream(
  url: string,
  token: string,
  stop: { done: boolean },
): Promise<StreamResult[]> {
  const results: StreamResult[] = [];
  while (!stop.done) {
    try {
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(10_000),
      });
      await response.text();
      results.push({ status: response.status, at: Date.now() });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      results.push({ error: cause?.code ?? String(error), at: Date.now() });
    }
    await sleep(10);
  }
  return results;
}

describe('membership shutdown under load', () => {
  let platform: Platform;
  let membership: UpstreamProcess;
  let tenant: TenantFixture;

  before(async () => {
    platform = await startPlatform({
      gatewayEnv: LOAD_TEST_GATEWAY_ENV,
      serviceEnv: { membership: { SHUTDOWN_DRAIN_MS: String(DRAIN_DELAY_MS) } },
    });
    membership = platform.upstreams.get('membership')!;
    const flows = new IdentityFlows(platform.gateway.baseUrl, platform.identity.smtp);
    tenant = await createTenantFixture(platform.gateway.baseUrl, flows, 'Kapanış Spor', []);
  });

  after(async () => {
    await platform?.close();
  });

  it('SIGTERM drains accepted requests and exits 0', async (t: TestContext) => {
    const memberId = tenant.references.memberId!;
    const memberPath = `/api/v1/members/${memberId}`;
    const token = tenant.owner.accessToken;
    const database = new pg.Client({ connectionString: membership.databaseUrl });
    await database.connect();
    const stop = { done: false };

    try {
      // Blocks every update of the member, so the PATCH requests below stay in flight.
      await database.query('BEGIN');
      await database.query('SELECT id FROM membership.members WHERE id = $1 FOR UPDATE', [
        memberId,
      ]);
      const slow: Promise<HttpResult>[] = Array.from({ length: SLOW_REQUESTS }, (_item, index) =>
        request(platform.gateway.baseUrl, 'PATCH', memberPath, {
          token,
          json: { notes: `Yavaş istek ${index}` },
        }),
      );
      // The first update waits on the row lock, the others queue behind it on the row.
      await waitForLockWaiters(database, 1);
      await sleep(300);

      const throughGateway = requestStream(`${platform.gateway.baseUrl}${memberPath}`, token, stop);
      const direct = requestStream(`${membership.baseUrl}${memberPath}`, token, stop);
      await sleep(300);

      const signalledAt = Date.now();
      membership.service.signal('SIGTERM');
      assert.equal(
        await readinessAfterSignal(membership.baseUrl, DRAIN_DELAY_MS),
        503,
        'readiness reports 503 within the drain delay',
      );

      await sleep(SLOW_REQUEST_HOLD_MS);
      await database.query('COMMIT');
      const exitCode = await membership.service.waitForExit(EXIT_DEADLINE_MS);
      const exitedAfterMs = Date.now() - signalledAt;
      await sleep(300);
      stop.done = true;

      const slowResults = await Promise.all(slow);
      const gatewayResults = await throughGateway;
      const directResults = await direct;
      t.diagnostic(
        `exit ${exitCode} after ${exitedAfterMs} ms; ${gatewayResults.length} requests through the gateway, ${directResults.length} direct`,
      );

      assert.equal(exitCode, 0, `membership exit code. Output:\n${membership.service.tail()}`);
      for (const result of slowResults) {
        assert.equal(result.status, 200, `slow request in flight at SIGTERM: ${result.text}`);
        assert.equal(result.body.id, memberId);
      }

      // Directly, a request either gets a whole response or finds the port closed.
      const dropped = directResults.filter(
        (result) => result.error && result.error !== 'ECONNREFUSED',
      );
      assert.deepEqual(dropped, [], 'no direct request lost its connection');
      assert.ok(
        directResults.some((result) => result.status === 200 && result.at > signalledAt),
        'requests sent during the drain delay were still served',
      );
      assert.ok(
        directResults.some((result) => result.error === 'ECONNREFUSED'),
        'new connections are refused once the listener closed',
      );

      // Through the gateway, a request after the close gets the gateway's 503, never a broken reply.
      const unexpected = gatewayResults.filter(
        (result) => result.error !== undefined || (result.status !== 200 && result.status !== 503),
      );
      assert.deepEqual(unexpected, [], 'every request through the gateway got 200 or 503');
    } finally {
      stop.done = true;
      await database.end();
    }
  });
});

/** Polls /health/ready until it reports 503 or `withinMs` passes; returns the last status. */
async function readinessAfterSignal(baseUrl: string, withinMs: number): Promise<number> {
  const deadline = Date.now() + withinMs;
  let status = 0;
  while (Date.now() < deadline) {
    status = (await fetch(`${baseUrl}/health/ready`)).status;
    if (status === 503) return status;
    await sleep(20);
  }
  return status;
}

/** Waits until `count` statements of the membership database wait for a lock. */
async function waitForLockWaiters(database: pg.Client, count: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const { rows } = await database.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (rows[0]!.waiting >= count) return;
    await sleep(25);
  }
  assert.fail(`${count} statements did not start waiting for the member's row lock within 5 s`);
}
