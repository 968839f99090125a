import { Redis } from 'ioredis';

/** Keys per SCAN round trip: large enough for few round trips, small enough not to block Redis. */
const SCAN_COUNT = 500;

/**
 * Deletes every key that starts with `prefix` from the Redis database of `url` and returns how
 * many were deleted. The prefix is matched literally: glob characters in it match only themselves.
 */
export async function flushRedisPrefix(url: string, prefix: string): Promise<number> {
  if (prefix === '') {
    throw new Error(
      'The Redis key prefix is empty, which would delete every key; pass the prefix a test used',
    );
  }

  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let deleted = 0;
    const stream = redis.scanStream({ match: `${escapeGlob(prefix)}*`, count: SCAN_COUNT });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length > 0) {
        deleted += await redis.unlink(...keys);
      }
    }
    return deleted;
  } finally {
    redis.disconnect();
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
