import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '@gym/config';
import { gatewayConfigSchema } from '../../src/config/gateway-config.js';
import { isRoutedPath } from '../../src/config/route-matching.js';
import { upstreamServices } from '../../src/config/upstream-routes.js';
import { buildEngineConfig, engineRedisOptions } from '../../src/engine/engine-config.js';

const config = loadConfig(gatewayConfigSchema, {
  REDIS_URL: 'redis://:s3cret@redis.internal:6380/4',
  IDENTITY_URL: 'http://identity:3001',
  MEMBERSHIP_URL: 'http://membership:3002',
  BILLING_URL: 'http://billing:3003',
  CATALOG_URL: 'http://catalog:3004',
  REPORTING_URL: 'http://reporting:3005',
  AMQP_URL: 'amqp://rabbitmq:5672',
  JWT_ISSUER: 'http://identity:3001',
  JWT_AUDIENCE: 'gym-api',
});
const services = upstreamServices(config);
const engine = buildEngineConfig({ config, services, pluginPath: '/app/gym-plugin.js' });

type Pipeline = { apiEndpoints: string[]; policies: Record<string, { action: unknown }[]>[] };
const pipelines = engine.gateway.pipelines as Record<string, Pipeline>;

function policyNames(pipeline: string): string[] {
  return pipelines[pipeline]!.policies.map((policy) => Object.keys(policy)[0]!);
}

describe('buildEngineConfig', () => {
  it('public routes skip the JWT policy', () => {
    assert.deepEqual(policyNames('identity-public'), [
      'gym-cors',
      'gym-rate-limit',
      'gym-rate-limit',
      'gym-proxy',
    ]);
    assert.deepEqual(policyNames('identity-jwks'), ['gym-cors', 'gym-rate-limit', 'gym-proxy']);
  });

  it('protected routes require a token', () => {
    assert.deepEqual(policyNames('identity-auth'), [
      'gym-cors',
      'gym-rate-limit',
      'gym-rate-limit',
      'gym-jwt',
      'gym-subscription',
      'gym-proxy',
    ]);
    assert.deepEqual(policyNames('identity-api'), [
      'gym-cors',
      'gym-rate-limit',
      'gym-jwt',
      'gym-subscription',
      'gym-proxy',
    ]);
    assert.deepEqual(policyNames('membership-api'), [
      'gym-cors',
      'gym-rate-limit',
      'gym-jwt',
      'gym-subscription',
      'gym-proxy',
    ]);
    assert.deepEqual(policyNames('billing-api'), [
      'gym-cors',
      'gym-rate-limit',
      'gym-jwt',
      'gym-subscription',
      'gym-proxy',
    ]);
    assert.deepEqual(policyNames('catalog-api'), [
      'gym-cors',
      'gym-rate-limit',
      'gym-jwt',
      'gym-subscription',
      'gym-proxy',
    ]);
    assert.deepEqual(policyNames('reporting-api'), [
      'gym-cors',
      'gym-rate-limit',
      'gym-jwt',
      'gym-subscription',
      'gym-proxy',
    ]);
  });

  it('auth routes use both limiters', () => {
    const limiters = pipelines['identity-auth']!.policies.filter(
      (policy) => 'gym-rate-limit' in policy,
    ).map((policy) => policy['gym-rate-limit']![0]!.action);
    assert.deepEqual(limiters, [{ limiter: 'client' }, { limiter: 'auth' }]);
  });

  it('endpoints keep matching order', () => {
    assert.deepEqual(Object.keys(engine.gateway.apiEndpoints as object), [
      'identity-public',
      'identity-jwks',
      'identity-auth',
      'identity-api',
      'membership-api',
      'billing-api',
      'catalog-api',
      'reporting-api',
      'docs',
      'unmatched',
    ]);
    assert.deepEqual((engine.gateway.apiEndpoints as Record<string, unknown>).unmatched, {
      host: '*',
    });
  });

  it('engine store points at Redis without emulation', () => {
    const redis = (engine.system.db as { redis: Record<string, unknown> }).redis;
    assert.equal(redis.emulate, false);
    assert.equal(redis.host, 'redis.internal');
    assert.equal(redis.port, 6380);
    assert.equal(redis.db, 4);
    assert.equal(redis.password, 's3cret');
    assert.equal(redis.enableOfflineQueue, false);
    assert.equal(redis.namespace, 'gym:eg');
  });

  it('rediss URLs enable TLS', () => {
    const options = engineRedisOptions({ ...config, REDIS_URL: 'rediss://cache:6379' });
    assert.deepEqual(options.tls, {});
    assert.equal(options.db, 0);
  });

  it('plugin is loaded by path', () => {
    assert.deepEqual(engine.system.plugins, { gym: { package: '/app/gym-plugin.js' } });
    const crypto = engine.system.crypto as { cipherKey: string };
    assert.match(crypto.cipherKey, /^[0-9a-f]{64}$/);
  });
});

describe('isRoutedPath', () => {
  const cases: [string, boolean][] = [
    ['/api/v1/auth/login', true],
    ['/api/v1/branches', true],
    ['/api/v1/branches/{id}/archive', true],
    ['/.well-known/jwks.json', true],
    ['/api/v1/branchesx', false],
    ['/api/v1/membership-plans', true],
    ['/api/v1/membership-plans/{id}/archive', true],
    ['/api/v1/members', true],
    ['/api/v1/members/{id}/photo', true],
    ['/api/v1/members/import', true],
    ['/api/v1/members/export', true],
    ['/api/v1/membersx', false],
    ['/api/v1/payments', true],
    ['/api/v1/payments/{id}', true],
    ['/api/v1/revenue-month-locks/{month}', true],
    ['/api/v1/subscription', true],
    ['/api/v1/subscriptions', false],
    ['/api/v1/products', true],
    ['/api/v1/products/{id}/archive', true],
    ['/api/v1/product-sales/{id}', true],
    ['/api/v1/productsx', false],
    ['/health/ready', false],
    ['/api/docs-json', false],
  ];
  for (const [path, routed] of cases) {
    it(`${path} is ${routed ? '' : 'not '}routed`, () => {
      assert.equal(isRoutedPath(path, services), routed);
    });
  }
});
