import { LRUCache } from 'lru-cache';

export interface VerifiedTokenCacheOptions {
  /** Tokens kept at most; the least recently used leaves first. */
  maxEntries: number;
  /** Maximum time a token is served from the cache, whatever its `exp`. */
  maxAgeMs: number;
  /** Clock in epoch milliseconds, for tests. */
  now?: () => number;
}

/**
 * Verified access tokens by their exact text, with what the verifier made of them, so that a
 * client's next requests with the same token skip the ES256 signature check. An entry lives until the token's `exp` or `maxAgeMs`,
 * whichever comes first. `maxAgeMs` bounds how long a token stays accepted after its signing key
 * leaves identity's JWKS. Only tokens that passed verification are stored.
 */
export class VerifiedTokenCache<T extends object> {
  private readonly entries: LRUCache<string, T>;
  private readonly now: () => number;

  constructor(private readonly options: VerifiedTokenCacheOptions) {
    this.now = options.now ?? Date.now;
    this.entries = new LRUCache<string, T>({
      max: options.maxEntries,
      ttl: options.maxAgeMs,
      perf: { now: this.now },
      ttlResolution: 0,
    });
  }

  get(token: string): T | undefined {
    return this.entries.get(token);
  }

  /** Keeps a verified token until `expiresAtSeconds` (its `exp`) or the maximum age. */
  set(token: string, verified: T, expiresAtSeconds: number): void {
    const ttl = Math.min(this.options.maxAgeMs, expiresAtSeconds * 1000 - this.now());
    if (!(ttl > 0)) return;

    this.entries.set(token, verified, { ttl });
  }
}
