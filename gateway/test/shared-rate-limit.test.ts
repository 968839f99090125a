import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { flushRedisPrefix, uniqueName } from '@gym/testing';
import { startEchoUpstream, type EchoUpstream } from './support/echo-upstream.js';
import { startGatewayProcess, type GatewayProcess, request, requiredTestEnv } from '@gym/stack';
import { TestSigner } from './support/test-signer.js';

const CLIENT_LIMIT = 10;
const AUTH_LIMIT = 3;

describe('rate limits shared by two gateways', () => {
  let upstream: EchoUpstream;
  const gateways: GatewayProcess[] = [];
  const redisPrefix = `${uniqueName('gateway-shared')}:`;

  before(async () => {
    upstream = await startEchoUpstream({ jwks: await new TestSigner().jwks() });
    const env = {
      REDIS_KEY_PREFIX: redisPrefix,
      RATE_LIMIT_POINTS: String(CLIENT_LIMIT),
      AUTH_RATE_LIMIT_POINTS: String(AUTH_LIMIT),
      TRUSTED_PROXIES: '127.0.0.1/32',
    };
    const started = await Promise.all([
      startGatewayProcess({ identityUrl: upstream.url, env, keepRedisKeys: true }),
      startGatewayProcess({ identityUrl: upstream.url, env, keepRedisKeys: true }),
    ]);
    gateways.push(...started);
  });

  after(async () => {
    await Promise.all(gateways.map((gateway) => gateway.close()));
    await flushRedisPrefix(requiredTestEnv('TEST_REDIS_URL'), redisPrefix);
    await upstream?.close();
  });

  /** Sends `count` requests for one client address, alternating between the gateways. */
  async function sendAlternating(count: number, clientIp: string, method: string, path: string) {
    const statuses: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const gateway = gateways[index % 2]!;
      const response = await request(gateway.baseUrl, method, path, {
        headers: { 'x-forwarded-for': clientIp, 'accept-language': 'en' },
        json: method === 'POST' ? {} : undefined,
      });
      statuses.push(response.status);
      if (response.status === 429) {
        assert.equal(response.body.code, 'RATE_LIMITED');
        assert.match(response.body.message, /Try again in \d+ seconds/);
        assert.ok(Number(response.headers.get('retry-after')) >= 1, 'Retry-After is sent');
      }
    }
    return statuses;
  }

  it('two gateways enforce one combined limit', async () => {
    const statuses = await sendAlternating(CLIENT_LIMIT + 6, '203.0.113.10', 'GET', '/nothing');
    assert.deepEqual(statuses, [
      ...Array<number>(CLIENT_LIMIT).fill(404),
      ...Array<number>(6).fill(429),
    ]);
  });

  it('another client address keeps its own budget', async () => {
    const statuses = await sendAlternating(2, '203.0.113.11', 'GET', '/nothing');
    assert.deepEqual(statuses, [404, 404]);
  });

  it('auth routes get the stricter limit', async () => {
    const statuses = await sendAlternating(
      AUTH_LIMIT + 2,
      '203.0.113.12',
      'POST',
      '/api/v1/auth/login',
    );
    assert.deepEqual(statuses, [
      ...Array<number>(AUTH_LIMIT).fill(200),
      ...Array<number>(2).fill(429),
    ]);

    const metrics = await request(gateways[0]!.baseUrl, 'GET', '/metrics');
    assert.match(metrics.text, /gateway_rate_limit_rejections_total\{limiter="auth"\} [1-9]/);
  });
});
