import { request as httpRequest } from 'node:http';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { freePort } from '@gym/testing';
import { gatewayMetrics } from '../../src/observability/gateway-metrics.js';
import { LogThrottle } from '../../src/observability/log-throttle.js';
import { upstreamProxyPolicy } from '../../src/policies/upstream-proxy.policy.js';
import { ProxyForwarder } from '../../src/proxy/proxy-forwarder.js';
import { UpstreamBreaker, type BreakerSettings } from '../../src/proxy/upstream-breaker.js';
import { startEchoUpstream, type EchoUpstream } from '../support/echo-upstream.js';
import { request } from '@gym/stack';
import { startPolicyApp, type PolicyApp } from '../support/policy-app.js';

const logger = pino({ level: 'silent' });
const metrics = gatewayMetrics();

const settings: BreakerSettings = {
  timeoutMs: 300,
  errorThresholdPercentage: 50,
  volumeThreshold: 2,
  resetTimeoutMs: 500,
  rollingWindowMs: 10_000,
};

async function startProxyApp(service: string, target: string) {
  const forwarder = new ProxyForwarder(target, 1024);
  const breaker = new UpstreamBreaker(service, settings, metrics, logger);
  const app = await startPolicyApp([
    upstreamProxyPolicy({
      forwarder,
      breaker,
      bodyLimitBytes: 1024,
      metrics,
      logger,
      logThrottle: new LogThrottle(1_000),
    }),
  ]);
  return {
    app,
    breaker,
    close: async () => {
      await app.close();
      breaker.shutdown();
      forwarder.close();
    },
  };
}

describe('upstreamProxyPolicy', () => {
  let upstream: EchoUpstream;
  let proxy: Awaited<ReturnType<typeof startProxyApp>>;
  let app: PolicyApp;

  before(async () => {
    upstream = await startEchoUpstream();
    proxy = await startProxyApp('echo', upstream.url);
    app = proxy.app;
  });

  afterEach(() => {
    upstream.behavior.delayMs = 0;
    upstream.behavior.status = 200;
  });

  after(async () => {
    await proxy?.close();
    await upstream?.close();
  });

  it('forwards method, path, query, body', async () => {
    const response = await request(app.baseUrl, 'DELETE', '/api/v1/things/1?force=true', {
      body: 'x',
    });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, {
      method: 'DELETE',
      url: '/api/v1/things/1?force=true',
      length: 1,
    });
  });

  it('times out slow upstream with 503', async () => {
    upstream.behavior.delayMs = 2_000;
    const startedAt = performance.now();
    const response = await request(app.baseUrl, 'GET', '/slow');
    const elapsedMs = performance.now() - startedAt;
    assert.equal(response.status, 503);
    assert.equal(response.body.code, 'SERVICE_UNAVAILABLE');
    assert.ok(elapsedMs < 1_000, `responded after the breaker timeout, took ${elapsedMs} ms`);
  });

  it('opens on 503s, trial closes it', async () => {
    // Let the timeout of the previous test age out of the rolling window's failure share.
    for (let index = 0; index < 3; index += 1) await request(app.baseUrl, 'GET', '/ok');

    upstream.behavior.status = 503;
    const passedThrough = await request(app.baseUrl, 'GET', '/down');
    assert.equal(passedThrough.status, 503);
    assert.equal(passedThrough.body.method, 'GET', "the upstream's own response is passed on");

    let opened = false;
    for (let attempt = 0; attempt < 10 && !opened; attempt += 1) {
      await request(app.baseUrl, 'GET', '/down');
      opened = proxy.breaker.isOpen;
    }
    assert.ok(opened, 'repeated 503 responses open the circuit');

    const before = upstream.received.length;
    const fastFailure = await request(app.baseUrl, 'GET', '/down');
    assert.equal(fastFailure.status, 503);
    assert.equal(fastFailure.body.code, 'SERVICE_UNAVAILABLE', 'the gateway responds for itself');
    assert.equal(upstream.received.length, before, 'no request reaches the upstream');

    upstream.behavior.status = 200;
    await new Promise((resolve) => setTimeout(resolve, settings.resetTimeoutMs + 50));
    const trial = await request(app.baseUrl, 'GET', '/trial');
    assert.equal(trial.status, 200);
    assert.equal(proxy.breaker.isOpen, false, 'the successful trial closed the circuit');
  });

  it('responds 503 on refused connection', async () => {
    const refused = await startProxyApp('refused', `http://127.0.0.1:${await freePort()}`);
    try {
      const response = await request(refused.app.baseUrl, 'GET', '/x');
      assert.equal(response.status, 503);
      assert.equal(response.body.code, 'SERVICE_UNAVAILABLE');
      assert.equal(response.headers.get('retry-after'), '1');
    } finally {
      await refused.close();
    }
  });

  it('rejects body over limit with 413', async () => {
    const before = upstream.received.length;
    const response = await request(app.baseUrl, 'POST', '/big', { body: Buffer.alloc(1025) });
    assert.equal(response.status, 413);
    assert.equal(response.body.code, 'PAYLOAD_TOO_LARGE');
    assert.notEqual(response.headers.get('connection'), 'close', 'the body is read and dropped');
    assert.equal(upstream.received.length, before);
  });

  it('closes after a declared huge body', async () => {
    const { status, connection } = await new Promise<{ status?: number; connection?: string }>(
      (resolve, reject) => {
        const outgoing = httpRequest(`${app.baseUrl}/big`, {
          method: 'POST',
          headers: { 'content-length': String(9 * 1024 * 1024) },
        });
        outgoing.on('response', (incoming) => {
          incoming.resume();
          resolve({ status: incoming.statusCode, connection: incoming.headers.connection });
          outgoing.destroy();
        });
        outgoing.on('error', reject);
        outgoing.write(Buffer.alloc(10));
      },
    );

    assert.equal(status, 413);
    assert.equal(connection, 'close', 'a body past the discard bound is not read');
  });
});
