import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServiceStack, type ServiceStack } from '@gym/stack';
import { runDemo } from '../src/index.js';

describe('the demo month against the whole stack', () => {
  let stack: ServiceStack;
  let mailDir: string;

  before(async () => {
    mailDir = mkdtempSync(join(tmpdir(), 'demo-mail-'));
    // A small request budget, so the gateway returns 429 and the run has to wait.
    stack = await startServiceStack({
      catalog: true,
      reporting: true,
      mailDir,
      gatewayEnv: { RATE_LIMIT_POINTS: '10', RATE_LIMIT_WINDOW_SECONDS: '2' },
    });
  });

  after(async () => {
    await stack?.close();
    rmSync(mailDir, { recursive: true, force: true });
  });

  it('30-member month adds up', async () => {
    const lines: string[] = [];
    const result = await runDemo({
      gatewayUrl: stack.gateway.baseUrl,
      mailDir,
      members: 30,
      days: 4,
      require: { catalog: true, reporting: true },
      writeLine: (line) => lines.push(line),
    }).catch((error: Error) => {
      throw new Error(`${error.message}\nThe demo printed:\n${lines.join('\n')}`, { cause: error });
    });

    assert.deepEqual(result.failures, [], lines.join('\n'));
    assert.ok(result.rateLimitedCount > 0, 'the run never had to wait for a 429');
    assert.match(lines.join('\n'), /30 created, 0 skipped, 0 rejected/);
    assert.match(lines.join('\n'), /refused: 409 MONTH_LOCKED/);
    assert.equal(result.catalog, true);
    assert.equal(result.reporting, true);
    assert.match(lines.join('\n'), /Revenue report for \d{4}-\d{2}/);
    assert.match(lines.join('\n'), /sale [0-9a-f-]{36} deleted/);
  });
});
