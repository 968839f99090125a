import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const mainPath = fileURLToPath(new URL('../src/main.js', import.meta.url));

const completeEnv = (): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
  AMQP_URL: 'amqp://guest:guest@127.0.0.1:1',
  JWKS_URL: 'http://127.0.0.1:1/.well-known/jwks.json',
  JWT_ISSUER: 'http://identity.test',
  JWT_AUDIENCE: 'gym-api',
});

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, [mainPath], { env, encoding: 'utf8', timeout: 20_000 });
}

describe('startup configuration', () => {
  for (const variable of ['DATABASE_URL', 'AMQP_URL', 'JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE']) {
    it(`exits naming ${variable} when it is missing`, () => {
      const env = completeEnv();
      delete env[variable];

      const result = start(env);

      assert.equal(result.status, 78, result.stderr);
      assert.match(result.stderr, new RegExp(`${variable}: `), `stderr names ${variable}`);
    });
  }

  it('idempotency retention below 24 hours is refused', () => {
    const result = start({ ...completeEnv(), IDEMPOTENCY_RETENTION_HOURS: '12' });

    assert.equal(result.status, 78);
    assert.match(result.stderr, /IDEMPOTENCY_RETENTION_HOURS: /);
  });

  it('month lock deadline below 100 ms is refused', () => {
    const result = start({ ...completeEnv(), MONTH_LOCK_RPC_TIMEOUT_MS: '10' });

    assert.equal(result.status, 78);
    assert.match(result.stderr, /MONTH_LOCK_RPC_TIMEOUT_MS: /);
  });
});
