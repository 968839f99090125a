import type { KeyObject } from 'node:crypto';
import type { SecretOrKeyProvider } from 'passport-jwt';
import type { SigningKeyStore } from './signing-key-store.js';

/**
 * PEM of each public key, exported once. Exporting on every request took about 9 % of identity's
 * busy CPU samples under load (`npm run bench -- --cpu-prof=DIR gateway-overhead`).
 */
const pemByKey = new WeakMap<KeyObject, string>();

function pemOf(key: KeyObject): string {
  let pem = pemByKey.get(key);
  if (pem === undefined) {
    pem = key.export({ type: 'spki', format: 'pem' }) as string;
    pemByKey.set(key, pem);
  }
  return pem;
}

/**
 * Lets identity verify access tokens against its own key store instead of fetching its JWKS
 * over HTTP. An unknown `kid` yields no key, so passport answers 401.
 */
export function localKeyProvider(keys: SigningKeyStore): SecretOrKeyProvider {
  return (_request, rawJwtToken, done) => {
    try {
      const header = JSON.parse(
        Buffer.from(String(rawJwtToken).split('.')[0] ?? '', 'base64url').toString('utf8'),
      ) as { kid?: unknown };
      const key = typeof header.kid === 'string' ? keys.publicKey(header.kid) : undefined;
      if (!key) {
        done(new Error('Unknown signing key id'));
        return;
      }
      done(null, pemOf(key));
    } catch {
      done(new Error('Malformed token header'));
    }
  };
}
