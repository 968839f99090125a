import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  startGatewayProcess,
  type GatewayProcess,
  request,
  type HttpResult,
  startIdentityProcess,
  type IdentityProcess,
} from '@gym/stack';

const RESET_TIMEOUT_MS = 1_500;
const VOLUME_THRESHOLD = 3;

function circuitState(metricsText: string): number {
  const match = /gateway_upstream_circuit_state\{service="identity"\} (\d)/.exec(metricsText);
  assert.ok(match, 'the circuit state metric of identity is exported');
  return Number(match[1]);
}

describe('circuit breaker around identity', () => {
  let identity: IdentityProcess;
  let gateway: GatewayProcess;
  const jwks = () => request(gateway.baseUrl, 'GET', '/.well-known/jwks.json');
  const metrics = async () => (await request(gateway.baseUrl, 'GET', '/metrics')).text;

  before(async () => {
    identity = await startIdentityProcess();
    gateway = await startGatewayProcess({
      identityUrl: identity.baseUrl,
      env: {
        BREAKER_VOLUME_THRESHOLD: String(VOLUME_THRESHOLD),
        BREAKER_ERROR_THRESHOLD_PERCENT: '50',
        BREAKER_RESET_TIMEOUT_MS: String(RESET_TIMEOUT_MS),
        BREAKER_TIMEOUT_MS: '2000',
      },
    });
  });

  after(async () => {
    await gateway?.close();
    await identity?.close();
  });

  it('opens on outage, closes after', async () => {
    assert.equal((await jwks()).status, 200, 'identity responds before it is stopped');
    await identity.stop();

    const failures: HttpResult[] = [];
    for (let attempt = 0; attempt < VOLUME_THRESHOLD + 2; attempt += 1) {
      failures.push(await jwks());
    }
    for (const failure of failures) {
      assert.equal(failure.status, 503, failure.text);
      assert.equal(failure.body.code, 'SERVICE_UNAVAILABLE');
      assert.ok(Number(failure.headers.get('retry-after')) >= 1, 'Retry-After is sent');
    }
    assert.equal(circuitState(await metrics()), 2, 'the circuit is open');
    assert.match(
      await metrics(),
      /gateway_upstream_failures_total\{service="identity",reason="circuit-open"\} [1-9]/,
    );

    const startedAt = performance.now();
    const fastFailure = await jwks();
    const elapsedMs = performance.now() - startedAt;
    assert.equal(fastFailure.status, 503);
    assert.ok(elapsedMs < 200, `an open circuit fails at once, took ${elapsedMs} ms`);
    const retryAfter = Number(fastFailure.headers.get('retry-after'));
    assert.ok(
      retryAfter >= 1 && retryAfter <= Math.ceil(RESET_TIMEOUT_MS / 1000),
      `Retry-After ${retryAfter} is the time left until the trial request`,
    );

    await identity.start();
    await new Promise((resolve) => setTimeout(resolve, RESET_TIMEOUT_MS + 100));
    const recovered = await jwks();
    assert.equal(recovered.status, 200, `after the reset timeout: ${recovered.text}`);
    assert.equal(circuitState(await metrics()), 0, 'the successful trial closed the circuit');
    assert.equal((await jwks()).status, 200);
  });
});
