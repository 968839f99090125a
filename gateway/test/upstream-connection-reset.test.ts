import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request, startGatewayProcess, type GatewayProcess } from '@gym/stack';
import { startEchoUpstream, type EchoUpstream } from './support/echo-upstream.js';
import { startResettingUpstream, type ResettingUpstream } from './support/resetting-upstream.js';
import { TestSigner } from './support/test-signer.js';

/** Value of a gateway counter for membership in the /metrics text, 0 when it has no sample. */
function membershipCounter(metricsText: string, name: string, labels = ''): number {
  const match = new RegExp(`^${name}\\{service="membership"${labels}\\} (\\d+)$`, 'm').exec(
    metricsText,
  );
  return match ? Number(match[1]) : 0;
}

describe('upstream resetting a reused keep-alive connection', () => {
  let identity: EchoUpstream;
  let membership: ResettingUpstream;
  let gateway: GatewayProcess;
  let token: string;

  const metricsText = async () => (await request(gateway.baseUrl, 'GET', '/metrics')).text;
  const requestsTo = (method: string, path: string) =>
    membership.requests.filter((item) => item.method === method && item.path === path);

  /** Sends a GET that leaves one kept-alive connection to membership in the gateway's pool. */
  async function openKeptAliveConnection(): Promise<number> {
    const warmUp = await request(gateway.baseUrl, 'GET', '/api/v1/members?warm-up', { token });
    assert.equal(warmUp.status, 200, `the warm-up request failed: ${warmUp.text}`);
    return warmUp.body.connection as number;
  }

  before(async () => {
    const signer = new TestSigner();
    identity = await startEchoUpstream({ jwks: await signer.jwks() });
    membership = await startResettingUpstream();
    gateway = await startGatewayProcess({
      identityUrl: identity.url,
      membershipUrl: membership.url,
    });
    token = await signer.sign();
  });

  after(async () => {
    await gateway?.close();
    await membership?.close();
    await identity?.close();
  });

  it('GET is sent again on a new connection', async () => {
    const retriesBefore = membershipCounter(await metricsText(), 'gateway_upstream_retries_total');
    const keptAlive = await openKeptAliveConnection();

    const response = await request(gateway.baseUrl, 'GET', '/api/v1/members?page=1', { token });

    assert.equal(response.status, 200, response.text);
    const attempts = requestsTo('GET', '/api/v1/members?page=1');
    assert.deepEqual(
      attempts.map((item) => item.outcome),
      ['reset', 'answered'],
      'the reused connection was reset, then a second attempt was answered',
    );
    assert.equal(attempts[0]!.connection, keptAlive, 'the first attempt reused the connection');
    assert.notEqual(response.body.connection, keptAlive, 'the answer came on a new connection');
    assert.equal(response.body.path, '/api/v1/members?page=1');
    assert.equal(
      membershipCounter(await metricsText(), 'gateway_upstream_retries_total'),
      retriesBefore + 1,
      'gateway_upstream_retries_total counted the retry',
    );
  });

  it('POST with a body is not sent twice', async () => {
    const metricsBefore = await metricsText();
    const keptAlive = await openKeptAliveConnection();

    const response = await request(gateway.baseUrl, 'POST', '/api/v1/members', {
      token,
      json: { firstName: 'Ayşe', lastName: 'Yılmaz', phone: '5321234567' },
      headers: { 'accept-language': 'en' },
    });

    assert.equal(response.status, 503, response.text);
    assert.equal(response.body.code, 'SERVICE_UNAVAILABLE');
    assert.ok(Number(response.headers.get('retry-after')) >= 1, 'Retry-After is sent');
    assert.deepEqual(
      requestsTo('POST', '/api/v1/members'),
      [{ connection: keptAlive, method: 'POST', path: '/api/v1/members', outcome: 'reset' }],
      'the POST reached membership once, on the reused connection',
    );
    const metricsAfter = await metricsText();
    assert.equal(
      membershipCounter(metricsAfter, 'gateway_upstream_retries_total'),
      membershipCounter(metricsBefore, 'gateway_upstream_retries_total'),
      'no retry was counted',
    );
    const connectionFailures = (text: string) =>
      membershipCounter(text, 'gateway_upstream_failures_total', ',reason="connection"');
    assert.equal(connectionFailures(metricsAfter), connectionFailures(metricsBefore) + 1);
  });
});
