import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEchoUpstream, type EchoUpstream } from './support/echo-upstream.js';
import { startGatewayProcess, type GatewayProcess, request } from '@gym/stack';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis.js';
import { TestSigner } from './support/test-signer.js';

/** A response within this time counts as fast; a hanging Redis command would take far longer. */
const FAST_MS = 1_000;

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; elapsedMs: number }> {
  const startedAt = performance.now();
  const result = await work();
  return { result, elapsedMs: performance.now() - startedAt };
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms`);
}

describe('gateway when Redis goes down', () => {
  let redis: PrivateRedis;
  let upstream: EchoUpstream;
  let gateway: GatewayProcess;
  const call = (path: string) => request(gateway.baseUrl, 'GET', path);

  before(async () => {
    redis = await startPrivateRedis();
    upstream = await startEchoUpstream({ jwks: await new TestSigner().jwks() });
    gateway = await startGatewayProcess({
      identityUrl: upstream.url,
      env: { REDIS_URL: redis.url },
      // The private Redis goes away with the test.
      keepRedisKeys: true,
    });
  });

  after(async () => {
    await gateway?.close();
    await upstream?.close();
    await redis?.stop();
  });

  it('fails fast, turns unready, recovers', async () => {
    await waitFor(async () => (await call('/health/ready')).status === 200, 10_000, 'readiness');
    assert.equal((await call('/nothing')).status, 404, 'requests pass while Redis is up');

    await redis.stop();

    const limited = await timed(() => call('/nothing'));
    assert.equal(limited.result.status, 503, limited.result.text);
    assert.equal(limited.result.body.code, 'SERVICE_UNAVAILABLE');
    assert.ok(limited.elapsedMs < FAST_MS, `responded in ${limited.elapsedMs} ms`);

    const ready = await timed(() => call('/health/ready'));
    assert.equal(ready.result.status, 503);
    assert.equal(ready.result.body.error.redis.status, 'down');
    assert.deepEqual(ready.result.body.info, { jwks: { status: 'up' } });
    assert.ok(ready.elapsedMs < FAST_MS, `readiness responded in ${ready.elapsedMs} ms`);

    const live = await call('/health/live');
    assert.equal(live.status, 200, 'liveness does not depend on Redis');

    await redis.start();
    await waitFor(async () => (await call('/health/ready')).status === 200, 10_000, 'recovery');
    assert.equal((await call('/nothing')).status, 404, 'requests pass again');
  });
});
