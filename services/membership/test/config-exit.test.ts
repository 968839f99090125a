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
  PHOTO_STORAGE: 's3',
  S3_BUCKET: 'gym-photos',
  S3_REGION: 'eu-central-1',
});

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, [mainPath], { env, encoding: 'utf8', timeout: 20_000 });
}

describe('startup configuration', () => {
  const required = [
    'DATABASE_URL',
    'AMQP_URL',
    'JWKS_URL',
    'JWT_ISSUER',
    'JWT_AUDIENCE',
    'S3_BUCKET',
    'S3_REGION',
  ];

  for (const variable of required) {
    it(`exits naming ${variable} when it is missing`, () => {
      const env = completeEnv();
      delete env[variable];

      const result = start(env);

      assert.equal(result.status, 78, result.stderr);
      assert.match(result.stderr, new RegExp(`${variable}: `), `stderr names ${variable}`);
    });
  }

  it('reports every problem at once', () => {
    const env = completeEnv();
    delete env.DATABASE_URL;
    env.JWKS_URL = 'ftp://identity/jwks';

    const result = start(env);

    assert.equal(result.status, 78);
    assert.match(result.stderr, /DATABASE_URL: is required/);
    assert.match(result.stderr, /JWKS_URL: must be a URL with scheme http or https/);
  });

  it('refuses local photo storage in production', () => {
    const result = start({ ...completeEnv(), PHOTO_STORAGE: 'local' });

    assert.equal(result.status, 78);
    assert.match(result.stderr, /PHOTO_STORAGE: local keeps photos on one pod/);
  });
});
