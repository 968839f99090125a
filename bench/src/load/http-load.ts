import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  durationSeconds: number;
  /** Sends a new Idempotency-Key with every request. */
  uniqueIdempotencyKey?: boolean;
}

export interface LoadResult {
  /** Successful (2xx) responses per second. */
  requestsPerSecond: number;
  /** Successful (2xx) responses in all. */
  successes: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

/** Drives `url` with autocannon for a bounded time and counts only 2xx responses as throughput. */
export async function runHttpLoad(options: LoadOptions): Promise<LoadResult> {
  const headers = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: 10,
    requests: [
      {
        method: options.method ?? 'GET',
        ...(options.body !== undefined ? { body: options.body } : {}),
        ...(options.uniqueIdempotencyKey
          ? {
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                headers: { ...request.headers, 'idempotency-key': randomUUID() },
              }),
            }
          : {}),
      },
    ],
  });
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    successes: result['2xx'],
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
