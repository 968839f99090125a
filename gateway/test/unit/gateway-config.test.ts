import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '@gym/config';
import { gatewayConfigSchema } from '../../src/config/gateway-config.js';

const required = {
  REDIS_URL: 'redis://127.0.0.1:6379/0',
  IDENTITY_URL: 'http://127.0.0.1:3001',
  MEMBERSHIP_URL: 'http://127.0.0.1:3002',
  BILLING_URL: 'http://127.0.0.1:3003',
  CATALOG_URL: 'http://127.0.0.1:3004',
  REPORTING_URL: 'http://127.0.0.1:3005',
  AMQP_URL: 'amqp://127.0.0.1:5672',
  JWT_ISSUER: 'http://127.0.0.1:3001',
  JWT_AUDIENCE: 'gym-api',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(gatewayConfigSchema, env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('the configuration was accepted');
}

describe('gatewayConfigSchema', () => {
  it('names every missing URL', () => {
    assert.deepEqual(problemsOf({}), [
      'REDIS_URL: is required',
      'IDENTITY_URL: is required',
      'MEMBERSHIP_URL: is required',
      'BILLING_URL: is required',
      'CATALOG_URL: is required',
      'REPORTING_URL: is required',
      'AMQP_URL: is required',
      'JWT_ISSUER: is required',
      'JWT_AUDIENCE: is required',
    ]);
  });

  it('defaults to no CORS origin and no trusted proxy', () => {
    const config = loadConfig(gatewayConfigSchema, required);
    assert.deepEqual(config.CORS_ORIGINS, []);
    assert.deepEqual(config.TRUSTED_PROXIES, []);
    assert.equal(config.PORT, 8080);
  });

  it('splits comma-separated lists', () => {
    const config = loadConfig(gatewayConfigSchema, {
      ...required,
      CORS_ORIGINS: 'https://app.gym.test, http://localhost:5173,',
      TRUSTED_PROXIES: '10.0.0.0/8, loopback',
    });
    assert.deepEqual(config.CORS_ORIGINS, ['https://app.gym.test', 'http://localhost:5173']);
    assert.deepEqual(config.TRUSTED_PROXIES, ['10.0.0.0/8', 'loopback']);
  });

  it('rejects an origin with a path', () => {
    const problems = problemsOf({ ...required, CORS_ORIGINS: 'https://app.gym.test/' });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^CORS_ORIGINS: must be comma-separated origins/);
  });

  it('rejects a malformed proxy range', () => {
    const problems = problemsOf({ ...required, TRUSTED_PROXIES: '10.0.0.0/99' });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^TRUSTED_PROXIES: must be comma-separated IP addresses/);
  });
});
