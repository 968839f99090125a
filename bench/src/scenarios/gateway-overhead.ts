import { probeLatency } from '../load/latency-probe.js';
import { runHttpLoad } from '../load/http-load.js';
import { startBenchStack } from '../stack/bench-stack.js';
import { HTTP_CONNECTIONS } from './baselines.js';
import type { Scenario } from './scenario.js';

const ROUTE = '/api/v1/branches';
const PROBE_REQUESTS = 1000;

/** The same authenticated route through the gateway and straight to identity. */
export const gatewayOverheadScenario: Scenario = {
  id: 'gateway-overhead',
  title: `Gateway against direct: GET ${ROUTE}`,
  async run({ settings, log }) {
    const stack = await startBenchStack();
    const headers = { authorization: `Bearer ${stack.owner.accessToken}` };
    const direct = `${stack.identity.baseUrl}${ROUTE}`;
    const viaGateway = `${stack.gateway.baseUrl}${ROUTE}`;
    const throughput = { direct: [] as number[], gateway: [] as number[] };
    const latency = { direct: [] as number[], gateway: [] as number[] };
    let failures = 0;
    try {
      for (let run = 1; run <= settings.runs; run += 1) {
        for (const [name, url] of [
          ['direct', direct],
          ['gateway', viaGateway],
        ] as const) {
          const load = await runHttpLoad({
            url,
            headers,
            connections: HTTP_CONNECTIONS,
            durationSeconds: settings.durationSeconds,
          });
          failures += load.non2xx + load.errors;
          throughput[name].push(load.requestsPerSecond);
          latency[name].push(await probeLatency(url, headers, { count: PROBE_REQUESTS }));
        }
        log(
          `run ${run}: direct ${throughput.direct.at(-1)!.toFixed(0)} req/s ${latency.direct.at(-1)!.toFixed(2)} ms, ` +
            `gateway ${throughput.gateway.at(-1)!.toFixed(0)} req/s ${latency.gateway.at(-1)!.toFixed(2)} ms`,
        );
      }
    } finally {
      await stack.close();
    }
    return {
      figures: [
        {
          label: 'throughput through the gateway',
          unit: 'req/s',
          runs: throughput.gateway,
          baseline: { label: 'straight to identity', unit: 'req/s', runs: throughput.direct },
          targets: [{ on: 'ratio', op: '>=', limit: 0.8 }],
        },
        {
          label: 'median latency through the gateway, one request at a time',
          unit: 'ms',
          runs: latency.gateway,
          baseline: { label: 'straight to identity', unit: 'ms', runs: latency.direct },
          comparison: 'difference',
          targets: [{ on: 'difference', op: '<=', limit: 1 }],
        },
      ],
      notes: [
        `Throughput: autocannon, ${HTTP_CONNECTIONS} connections, ${settings.durationSeconds} s per run and side, 2xx answers only. Latency: ${PROBE_REQUESTS} sequential requests over one kept-alive connection after each load phase, timed with hrtime.`,
        `Answers other than 2xx and connection errors over all runs: ${failures}.`,
      ],
    };
  },
};
