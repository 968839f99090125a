import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReportSample } from '../report/visibility-lag.js';

export interface ReportPollOptions {
  url: string;
  headers: Record<string, string>;
  /** Time between the starts of two polls; a slower response delays only the next poll. */
  intervalMs: number;
  /** Reads the count of payments from the parsed JSON response. */
  countOf(body: unknown): number;
}

export interface ReportPoller {
  /** Responses so far, in arrival order, timed with `performance.now()`. */
  samples: ReportSample[];
  /** Time from sending each poll to its whole response, in milliseconds. */
  pollMs: number[];
  /**
   * Keeps polling until a response counts at least `count` payments or `timeoutMs` passes, then
   * stops and returns every sample. Rejects with the poll's error if a poll failed.
   */
  finish(count: number, timeoutMs: number): Promise<ReportSample[]>;
}

/** Polls a report one request at a time over one kept-alive connection, on a fixed schedule. */
export function pollReport(options: ReportPollOptions): ReportPoller {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const samples: ReportSample[] = [];
  const pollMs: number[] = [];
  let target = Number.POSITIVE_INFINITY;
  let deadline = Number.POSITIVE_INFINITY;

  const reached = () => (samples.at(-1)?.count ?? -1) >= target;
  const loop = async () => {
    const start = performance.now();
    for (let index = 0; !reached() && performance.now() < deadline; index += 1) {
      const delay = start + index * options.intervalMs - performance.now();
      if (delay > 0) await sleep(delay);

      const sentAt = performance.now();
      const body = await getJson(options.url, options.headers, agent);
      const at = performance.now();
      samples.push({ at, count: options.countOf(body) });
      pollMs.push(at - sentAt);
    }
  };
  const running = loop().finally(() => agent.destroy());
  // finish() rethrows a poll's failure; until then it must not count as unhandled.
  running.catch(() => undefined);

  return {
    samples,
    pollMs,
    finish: async (count, timeoutMs) => {
      target = count;
      deadline = performance.now() + timeoutMs;
      await running;
      return samples;
    },
  };
}

function getJson(url: string, headers: Record<string, string>, agent: Agent): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = response.statusCode ?? 0;
        if (status !== 200) reject(new Error(`GET ${url} returned status ${status}: ${text}`));
        else resolve(JSON.parse(text));
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}
