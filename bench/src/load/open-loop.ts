import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export interface OpenLoopOptions {
  url: string;
  headers: Record<string, string>;
  /** JSON body of every request. */
  body: string;
  requestsPerSecond: number;
  durationSeconds: number;
}

/** One request of an open-loop run, in `performance.now()` milliseconds. */
export interface SentRequest {
  sentAt: number;
  /** Arrival of the whole response; absent when the connection failed. */
  respondedAt?: number;
  status?: number;
}

/** Returns when the `index`-th request (from 0) is due, in milliseconds after the start. */
export function dueOffsetMs(index: number, requestsPerSecond: number): number {
  return (index * 1000) / requestsPerSecond;
}

/**
 * Sends POST requests with a new Idempotency-Key each at a fixed arrival rate, whatever the
 * server responds: request i leaves at start + i / rate, and requests that fall due while the
 * process was busy leave at once. A slow server therefore builds a queue instead of slowing the
 * sender, as real clients do. Resolves once every request has a response or has failed.
 */
export async function sendOpenLoop(options: OpenLoopOptions): Promise<SentRequest[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(options.requestsPerSecond * options.durationSeconds);
  const sent: SentRequest[] = [];
  const pending: Promise<void>[] = [];
  const start = performance.now();
  try {
    for (let index = 0; index < total; index += 1) {
      const delay = start + dueOffsetMs(index, options.requestsPerSecond) - performance.now();
      if (delay > 0) await sleep(delay);

      const entry: SentRequest = { sentAt: performance.now() };
      sent.push(entry);
      pending.push(
        post(options, agent).then(
          (status) => {
            entry.respondedAt = performance.now();
            entry.status = status;
          },
          () => undefined,
        ),
      );
    }
    await Promise.all(pending);
  } finally {
    agent.destroy();
  }
  return sent;
}

function post(options: OpenLoopOptions, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      options.url,
      {
        method: 'POST',
        agent,
        timeout: 30_000,
        headers: {
          ...options.headers,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('request timed out after 30 s')));
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}
