import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

/**
 * Business dates must follow each tenant's timezone, never the server's. These files compute
 * "today", end dates and job runs, so they run again in child processes whose own zone is far
 * from Istanbul on both sides of UTC.
 */
const dateSensitiveFiles = [
  'daily-jobs.test.js',
  'freezes.test.js',
  'plan-changes.test.js',
  'members.test.js',
  'unit/membership-rules.test.js',
];

const processZones = ['Asia/Tokyo', 'America/Los_Angeles'];

function testPaths(): string[] {
  return dateSensitiveFiles.map((file) => fileURLToPath(new URL(`./${file}`, import.meta.url)));
}

/** Builds the child's environment without NODE_TEST_CONTEXT, which would make it a reporter-less worker. */
function childEnv(zone: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: zone };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

describe('date rules under other server timezones', () => {
  for (const zone of processZones) {
    it(`pass with TZ=${zone}`, () => {
      const result = spawnSync(
        process.execPath,
        ['--test', '--test-reporter=tap', '--test-concurrency=1', ...testPaths()],
        { env: childEnv(zone), encoding: 'utf8', timeout: 240_000 },
      );
      assert.match(
        result.stdout,
        /^# pass [1-9]\d*$/m,
        `no test ran with TZ=${zone}: ${result.stdout}`,
      );
      assert.equal(
        result.status,
        0,
        `date-sensitive tests failed with TZ=${zone}:\n${result.stdout.slice(-4_000)}\n${result.stderr.slice(-2_000)}`,
      );
    });
  }
});
