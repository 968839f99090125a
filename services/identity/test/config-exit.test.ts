import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { createSigningKeysDir } from './support/identity-harness.js';

const mainPath = fileURLToPath(new URL('../src/main.js', import.meta.url));

const completeEnv = (): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
  AMQP_URL: 'amqp://guest:guest@127.0.0.1:1',
  REDIS_URL: 'redis://127.0.0.1:1',
  JWT_ISSUER: 'http://identity.test',
  JWT_AUDIENCE: 'gym-api',
  JWT_SIGNING_KEYS_DIR: createSigningKeysDir(),
  JWT_ACTIVE_KEY_ID: 'test-1',
  CODE_HASH_SECRET: 'x'.repeat(40),
  SMTP_URL: 'smtp://127.0.0.1:1',
  MAIL_FROM: 'no-reply@gym.test',
});

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, [mainPath], { env, encoding: 'utf8', timeout: 20_000 });
}

describe('startup configuration', () => {
  const required = [
    'DATABASE_URL',
    'AMQP_URL',
    'REDIS_URL',
    'JWT_ISSUER',
    'JWT_AUDIENCE',
    'JWT_SIGNING_KEYS_DIR',
    'JWT_ACTIVE_KEY_ID',
    'CODE_HASH_SECRET',
    'SMTP_URL',
    'MAIL_FROM',
  ];

  for (const variable of required) {
    it(`exits non-zero naming ${variable} when it is missing`, () => {
      const env = completeEnv();
      delete env[variable];
      const result = start(env);
      assert.notEqual(result.status, 0, 'the process must fail');
      assert.match(
        result.stderr,
        new RegExp(`${variable}: `),
        `stderr names ${variable}: ${result.stderr}`,
      );
    });
  }

  it('reports every problem at once', () => {
    const env = completeEnv();
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    env.CODE_HASH_SECRET = 'short';
    const result = start(env);
    assert.equal(result.status, 78);
    assert.match(result.stderr, /DATABASE_URL: is required/);
    assert.match(result.stderr, /REDIS_URL: is required/);
    assert.match(result.stderr, /CODE_HASH_SECRET: must be at least 32 characters/);
  });

  it('refuses the file mail transport in production', () => {
    const env = { ...completeEnv(), MAIL_TRANSPORT: 'file' };
    const result = start(env);
    assert.equal(result.status, 78);
    assert.match(result.stderr, /MAIL_TRANSPORT: file writes mails to disk/);
  });

  it('exits naming JWT_ACTIVE_KEY_ID when its key file is missing', () => {
    const env = { ...completeEnv(), JWT_ACTIVE_KEY_ID: 'absent' };
    const result = start(env);
    assert.notEqual(result.status, 0);
    assert.match(result.stdout + result.stderr, /JWT_ACTIVE_KEY_ID/);
  });
});
