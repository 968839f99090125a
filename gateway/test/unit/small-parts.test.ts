import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import { Readiness } from '../../src/health/readiness.js';
import { LogThrottle } from '../../src/observability/log-throttle.js';
import {
  ByteLimit,
  declaresTooLargeBody,
  PayloadTooLargeError,
} from '../../src/proxy/body-limit.js';

async function collect(chunks: Buffer[], limit: number): Promise<Buffer> {
  const received: Buffer[] = [];
  await pipeline(Readable.from(chunks), new ByteLimit(limit), async (source) => {
    for await (const chunk of source) received.push(chunk as Buffer);
  });
  return Buffer.concat(received);
}

describe('ByteLimit', () => {
  it('passes bytes up to the limit unchanged', async () => {
    const chunks = [Buffer.from('ab'), Buffer.from('cd')];
    assert.deepEqual(await collect(chunks, 4), Buffer.from('abcd'));
  });

  it('fails past the limit', async () => {
    await assert.rejects(
      collect([Buffer.from('abc'), Buffer.from('de')], 4),
      (error) => error instanceof PayloadTooLargeError && error.limitBytes === 4,
    );
  });
});

describe('declaresTooLargeBody', () => {
  it('compares Content-Length with the limit', () => {
    assert.equal(declaresTooLargeBody('11', 10), true);
    assert.equal(declaresTooLargeBody('10', 10), false);
    assert.equal(declaresTooLargeBody(undefined, 10), false);
  });
});

describe('LogThrottle', () => {
  it('admits one line per interval and counts the rest', () => {
    const throttle = new LogThrottle(1_000);
    assert.equal(throttle.admit('redis', 0), 0);
    assert.equal(throttle.admit('redis', 500), undefined);
    assert.equal(throttle.admit('redis', 900), undefined);
    assert.equal(throttle.admit('other', 900), 0, 'keys are throttled separately');
    assert.equal(throttle.admit('redis', 1_000), 2);
  });
});

describe('Readiness', () => {
  it('reports each check', async () => {
    const readiness = new Readiness(
      [
        { name: 'redis', check: async () => undefined },
        {
          name: 'jwks',
          check: async () => {
            throw new Error('fetch failed');
          },
        },
      ],
      100,
    );
    const report = await readiness.evaluate();
    assert.equal(report.ready, false);
    assert.deepEqual(report.body, {
      status: 'error',
      info: { redis: { status: 'up' } },
      error: { jwks: { status: 'down', message: 'fetch failed' } },
    });
  });

  it('times out a hanging check', async () => {
    const readiness = new Readiness(
      [{ name: 'redis', check: () => new Promise<void>(() => undefined) }],
      50,
    );
    const startedAt = Date.now();
    const report = await readiness.evaluate();
    assert.ok(Date.now() - startedAt < 1_000);
    assert.deepEqual(report.body.error.redis, {
      status: 'down',
      message: 'Timed out after 50 ms',
    });
  });

  it('turns not ready on shutdown', async () => {
    const readiness = new Readiness([], 50);
    assert.equal((await readiness.evaluate()).ready, true);
    readiness.markShuttingDown();
    const report = await readiness.evaluate();
    assert.equal(report.ready, false);
    assert.equal(report.body.error.shutdown?.message, 'Shutdown in progress');
  });
});
