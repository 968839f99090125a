import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ConfigError,
  amqpUrl,
  booleanFlag,
  databaseUrl,
  loadConfig,
  port,
  secretField,
  z,
} from '../src/index.js';

const schema = z.object({
  DATABASE_URL: databaseUrl(),
  AMQP_URL: amqpUrl(),
  SECRET: secretField(32),
  PORT: port(3000),
  FEATURE: booleanFlag(false),
});

describe('loadConfig', () => {
  it('parses a valid environment and applies defaults', () => {
    const config = loadConfig(schema, {
      DATABASE_URL: 'postgres://db.example/gym',
      AMQP_URL: 'amqp://broker.example',
      SECRET: 's'.repeat(32),
    });
    assert.equal(config.PORT, 3000);
    assert.equal(config.FEATURE, false);
  });

  it('reports every missing and invalid variable at once', () => {
    try {
      loadConfig(schema, { AMQP_URL: 'http://wrong-scheme', SECRET: 'short', PORT: '99999' });
      assert.fail('loadConfig must throw');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      const text = error.problems.join('\n');
      assert.match(text, /DATABASE_URL: is required/);
      assert.match(text, /AMQP_URL: must be a URL with scheme amqp or amqps/);
      assert.match(text, /SECRET: must be at least 32 characters/);
      assert.match(text, /PORT: /);
      assert.equal(error.problems.length, 4);
    }
  });

  it('treats an empty value as missing', () => {
    assert.throws(
      () => loadConfig(schema, { DATABASE_URL: '', AMQP_URL: 'amqp://x', SECRET: 's'.repeat(32) }),
      /DATABASE_URL: is required/,
    );
  });
});
