import { probeLatency } from '../load/latency-probe.js';
import { runHttpLoad } from '../load/http-load.js';
import { withCpuUsage } from '../load/process-cpu.js';
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
    const cpuPerRequest = { identity: [] as number[], gateway: [] as number[] };
    const pids = [stack.identity.service.pid, stack.gateway.service.pid];
    let failures = 0;
    try {
      for (let run = 1; run <= settings.runs; run += 1) {
        for (const [name, url] of [
          ['direct', direct],
          ['gateway', viaGateway],
        ] as const) {
          const { result: load, cpuMs } = await withCpuUsage(pids, () =>
            runHttpLoad({
              url,
              headers,
              connections: HTTP_CONNECTIONS,
              durationSeconds: settings.durationSeconds,
            }),
          );
          if (name === 'direct') cpuPerRequest.identity.push(cpuMs[0]! / load.successes);
          else cpuPerRequest.gateway.push(cpuMs[1]! / load.successes);
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
        {
          label: 'gateway CPU time per request',
          unit: 'ms',
          runs: cpuPerRequest.gateway,
          baseline: {
            label: 'identity CPU time per request, direct',
            unit: 'ms',
            runs: cpuPerRequest.identity,
          },
        },
      ],
      notes: [
        `Throughput: autocannon, ${HTTP_CONNECTIONS} connections, ${settings.durationSeconds} s per run and side, 2xx answers only. Latency: ${PROBE_REQUESTS} sequential requests over one kept-alive connection after each load phase, timed with hrtime. CPU time per request: user and system time from /proc/<pid>/stat over a load phase, divided by its 2xx answers, which other load on the machine does not inflate the way it stretches wall-clock figures.`,
        `Answers other than 2xx and connection errors over all runs: ${failures}.`,
      ],
    };
  },
};
