import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import { Prng, fuzzSeed } from '../support/fuzz/prng.js';
import { formatFailure, runFuzz } from '../support/fuzz/fuzz-runner.js';
import { IdentityFlows } from '@gym/stack';
import { listOperations, type OpenApiDocument } from '../support/openapi-operations.js';
import { fetchMergedDocument } from '../support/platform-documents.js';
import { LOAD_TEST_GATEWAY_ENV, startPlatform, type Platform } from '../support/platform.js';
import {
  createTenantFixture,
  fixtureKeys,
  fixtureParameters,
  type TenantFixture,
} from '../support/tenant-fixtures.js';

/** Requests of one run; FUZZ_REQUESTS raises it for a longer local run. */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = 8;
const REPORTED_FAILURES = 40;

/** The gateway's last log lines at warn level or above, which say why it answered 503. */
function gatewayProblems(platform: Platform): string {
  return platform.gateway.service.lines
    .filter((line) => ['warn', 'error', 'fatal', 40, 50, 60].includes(line.json?.level as string))
    .slice(-20)
    .map((line) => line.raw.slice(0, 1000))
    .join('\n');
}

describe('schema-aware fuzzing through the gateway', () => {
  let platform: Platform;
  let document: OpenApiDocument;
  let tenant: TenantFixture;

  before(async () => {
    platform = await startPlatform({ gatewayEnv: LOAD_TEST_GATEWAY_ENV });
    document = await fetchMergedDocument(platform.gateway.baseUrl);
    const pathKeys = [
      ...new Set(listOperations(document).flatMap((operation) => fixtureKeys(operation.path))),
    ];
    const flows = new IdentityFlows(platform.gateway.baseUrl, platform.identity.smtp);
    tenant = await createTenantFixture(platform.gateway.baseUrl, flows, 'Fuzz Spor', pathKeys);
  });

  after(async () => {
    await platform?.close();
  });

  it('malformed requests get 4xx in the error contract', async (t: TestContext) => {
    const seed = fuzzSeed();
    t.diagnostic(`fuzz seed ${seed}; FUZZ_SEED=${seed} repeats this run`);
    const operations = listOperations(document);

    const report = await runFuzz({
      baseUrl: platform.gateway.baseUrl,
      prng: new Prng(seed),
      operations,
      requests: REQUESTS,
      concurrency: CONCURRENCY,
      context: {
        document,
        references: tenant.references,
        pathValues: (operation) => fixtureParameters(operation.path, tenant),
        token: tenant.owner.accessToken,
      },
    });

    const statuses = [...report.byStatus.entries()].sort(([a], [b]) => a - b);
    t.diagnostic(
      `fuzz seed ${seed}: ${report.sent} requests over ${operations.length} operations; ` +
        `statuses ${statuses.map(([status, count]) => `${status}×${count}`).join(' ')}`,
    );
    assert.ok(report.sent >= REQUESTS, `sent ${report.sent} of ${REQUESTS} requests`);
    assert.equal(
      report.failures.length,
      0,
      `seed ${seed}: ${report.failures.length} failing requests, the first ones:\n` +
        report.failures.slice(0, REPORTED_FAILURES).map(formatFailure).join('\n') +
        `\nGateway warnings and errors:\n${gatewayProblems(platform)}`,
    );
  });

  it('every process is alive and live after fuzzing', async () => {
    const processes = [
      { name: 'gateway', baseUrl: platform.gateway.baseUrl, service: platform.gateway.service },
      ...platform.services.values(),
    ];
    for (const { name, baseUrl, service } of processes) {
      assert.ok(service.running, `${name} is still running. Output:\n${service.tail()}`);
      const live = await fetch(`${baseUrl}/health/live`);
      assert.equal(live.status, 200, `${name} /health/live`);
    }
  });
});
