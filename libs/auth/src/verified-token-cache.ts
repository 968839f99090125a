import { LRUCache } from 'lru-cache';

/** Default maximum number of tokens kept, an estimated 1 KB each. */
export const DEFAULT_VERIFIED_TOKEN_ENTRIES = 5000;
/** Default maximum time a token skips the signature check, even after its key is withdrawn. */
export const DEFAULT_VERIFIED_TOKEN_MAX_AGE_MS = 60_000;

export interface VerifiedTokenCacheOptions {
  /** Maximum number of tokens kept. The least recently used is dropped first. */
  maxEntries?: number;
  /** Maximum time a token is served from the cache, whatever its `exp`. */
  maxAgeMs?: number;
  /** Clock in epoch milliseconds, for tests. */
  now?: () => number;
}

/**
 * Verified access tokens by their exact text, with what the verifier made of them, so that a
 * client's next requests with the same token skip the ES256 signature check. An entry lives
 * until the token's `exp` or `maxAgeMs`, whichever comes first. `maxAgeMs` bounds how long a token stays accepted after its signing key
 * leaves identity's JWKS. Only tokens that passed verification are stored.
 */
export class VerifiedTokenCache<T extends object> {
  private readonly entries: LRUCache<string, T>;
  private readonly now: () => number;
  private readonly maxAgeMs: number;

  constructor(options: VerifiedTokenCacheOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_VERIFIED_TOKEN_MAX_AGE_MS;
    this.entries = new LRUCache<string, T>({
      max: options.maxEntries ?? DEFAULT_VERIFIED_TOKEN_ENTRIES,
      ttl: this.maxAgeMs,
      perf: { now: this.now },
      ttlResolution: 0,
    });
  }

  get(token: string): T | undefined {
    return this.entries.get(token);
  }

  /** Keeps a verified token until `expiresAtSeconds` (its `exp`) or the maximum age. */
  set(token: string, verified: T, expiresAtSeconds: number): void {
    const ttl = Math.min(this.maxAgeMs, expiresAtSeconds * 1000 - this.now());
    if (!(ttl > 0)) return;

    this.entries.set(token, verified, { ttl });
  }
}
