import { Agent, request } from 'node:http';

/** Latencies of one request at a time, in milliseconds, sorted from fastest to slowest. */
export interface LatencySamples {
  sorted: number[];
}

/** Returns the value below which `percent` % of the samples fall (nearest rank). */
export function percentile({ sorted }: LatencySamples, percent: number): number {
  const rank = Math.ceil((percent / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/**
 * Times one request at a time over a kept-alive connection, with sub-millisecond resolution:
 * the time a request costs when nothing queues in front of it. Stops after `count` requests or
 * `maxSeconds`, whichever comes first.
 */
export async function probeLatencies(
  url: string,
  headers: Record<string, string>,
  { count = 1000, maxSeconds = 10 } = {},
): Promise<LatencySamples> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const samples: number[] = [];
  const deadline = Date.now() + maxSeconds * 1000;
  try {
    while (samples.length < count && Date.now() < deadline) {
      const started = process.hrtime.bigint();
      const status = await get(url, headers, agent);
      if (status < 200 || status >= 300) throw new Error(`GET ${url} returned status ${status}`);
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  } finally {
    agent.destroy();
  }
  return { sorted: samples.sort((a, b) => a - b) };
}

/** Median of `probeLatencies`. */
export async function probeLatency(
  url: string,
  headers: Record<string, string>,
  options?: { count?: number; maxSeconds?: number },
): Promise<number> {
  return percentile(await probeLatencies(url, headers, options), 50);
}

function get(url: string, headers: Record<string, string>, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers, agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}
