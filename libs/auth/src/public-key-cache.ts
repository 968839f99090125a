import { createPublicKey, type KeyObject } from 'node:crypto';
import type { SecretOrKeyProvider } from 'passport-jwt';

/** Maximum number of parsed keys kept. A JWKS usually lists the current key and the one before it. */
const MAX_CACHED_KEYS = 16;

/**
 * Wraps a provider that returns PEM text (jwks-rsa does) so that each PEM is parsed into a
 * KeyObject once. jsonwebtoken otherwise parses the PEM again for every token it verifies.
 */
export function withParsedPublicKeys(provider: SecretOrKeyProvider): SecretOrKeyProvider {
  const parsed = new Map<string, KeyObject>();

  return (request, rawJwtToken, done) =>
    provider(request, rawJwtToken, (error, secret) => {
      if (error || typeof secret !== 'string') return done(error, secret);

      let key = parsed.get(secret);
      if (!key) {
        try {
          key = createPublicKey(secret);
        } catch (parseError) {
          return done(parseError);
        }
        if (parsed.size >= MAX_CACHED_KEYS) parsed.clear();
        parsed.set(secret, key);
      }
      // jsonwebtoken verifies with a KeyObject as it does with PEM; the type names only the latter.
      done(null, key as unknown as string);
    });
}
