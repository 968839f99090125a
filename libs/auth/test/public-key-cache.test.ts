import assert from 'node:assert/strict';
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { describe, it } from 'node:test';
import type { SecretOrKeyProvider } from 'passport-jwt';
import { withParsedPublicKeys } from '../src/public-key-cache.js';

const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();

function ask(provider: SecretOrKeyProvider): Promise<{ error: unknown; key: unknown }> {
  return new Promise((resolve) => provider({}, 'token', (error, key) => resolve({ error, key })));
}

describe('withParsedPublicKeys', () => {
  it('parses each PEM once', async () => {
    const provider = withParsedPublicKeys((_request, _token, done) => done(null, pem));

    const first = await ask(provider);
    const second = await ask(provider);

    assert.equal(first.error, null);
    assert.ok(first.key instanceof KeyObject, 'a KeyObject, not PEM text');
    assert.equal((first.key as KeyObject).asymmetricKeyType, 'ec');
    assert.equal(second.key, first.key, 'the cached KeyObject');
  });

  it('passes lookup errors through', async () => {
    const failure = new Error('no key with this kid');
    const provider = withParsedPublicKeys((_request, _token, done) => done(failure));

    const { error, key } = await ask(provider);

    assert.equal(error, failure);
    assert.equal(key, undefined);
  });

  it('invalid PEM gives an error', async () => {
    const provider = withParsedPublicKeys((_request, _token, done) => done(null, 'not a key'));

    const { error, key } = await ask(provider);

    assert.ok(error instanceof Error, 'an error, not an exception thrown at the caller');
    assert.equal(key, undefined);
  });
});
