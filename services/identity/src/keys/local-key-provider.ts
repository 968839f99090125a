import type { SecretOrKeyProvider } from 'passport-jwt';
import type { SigningKeyStore } from './signing-key-store.js';

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
      done(null, key.export({ type: 'spki', format: 'pem' }) as string);
    } catch {
      done(new Error('Malformed token header'));
    }
  };
}
