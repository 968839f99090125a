import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface RedisClientOptions {
  url: string;
  commandTimeoutMs: number;
  logger: Logger;
}

/** Maximum pause between two reconnection attempts, in milliseconds. */
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * Creates the gateway's Redis client for rate limits and readiness. While Redis is unreachable,
 * commands fail at once (no offline queue) and a command without a reply fails after
 * `commandTimeoutMs`, so requests get a 503 response instead of waiting. The client keeps
 * reconnecting in the background and logs only the changes between connected and lost.
 */
export function createRedisClient(options: RedisClientOptions): Redis {
  const redis = new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs,
    connectTimeout: MAX_RECONNECT_DELAY_MS,
    retryStrategy: (attempt) => Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS),
  });

  let reachable: boolean | undefined;
  redis.on('ready', () => {
    reachable = true;
    options.logger.info('Connected to Redis');
  });
  redis.on('error', (error: Error) => {
    if (reachable !== false) {
      reachable = false;
      options.logger.error({ err: error }, 'Redis is unreachable; reconnecting in the background');
    }
  });
  return redis;
}
