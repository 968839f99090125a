import { readFileSync } from 'node:fs';
import { startBareServer } from '../baselines/bare-http.js';
import { startServices } from '../stack/bench-stack.js';
import type { Figure } from '../report/results.js';
import type { Scenario } from './scenario.js';
import { median } from '../report/stats.js';

/** Time the started processes sit idle before their memory is read. */
const IDLE_MS = 5000;

/** Resident set size of a process in MB, from /proc. */
function residentMegabytes(pid: number | undefined): number {
  if (pid === undefined) throw new Error('the process is not running');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (!kilobytes) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kilobytes[1]) / 1024;
}

const serviceNames = ['identity', 'membership', 'billing', 'gateway'] as const;

/**
 * Reads the V8 heap in use, in MB, from prom-client's default metrics at `<baseUrl>/metrics`.
 * Returns undefined for a process that does not export them (the gateway).
 */
async function heapUsedMegabytes(baseUrl: string): Promise<number | undefined> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})? ([\d.e+]+)$/m.exec(text);
  return line ? Number(line[1]) / 1024 ** 2 : undefined;
}

/**
 * From nothing to every /health/ready returning 200: new databases, migrations and four
 * processes, then each process's memory after it sat idle.
 */
export const stackReadyScenario: Scenario = {
  id: 'stack-ready',
  title: 'Whole stack: start to ready, idle memory',
  async run({ settings, log }) {
    const ready: number[] = [];
    const bareStart: number[] = [];
    const bareRss: number[] = [];
    const perService = () =>
      Object.fromEntries(serviceNames.map((name) => [name, [] as number[]])) as Record<
        (typeof serviceNames)[number],
        number[]
      >;
    const rss = perService();
    const heap = perService();
    for (let run = 1; run <= settings.runs; run += 1) {
      const bare = await startBareServer();
      bareStart.push(bare.startupMs / 1000);
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
      bareRss.push(residentMegabytes(bare.service.pid));
      await bare.close();

      const started = Date.now();
      const services = await startServices();
      ready.push((Date.now() - started) / 1000);
      try {
        await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
        for (const name of serviceNames) {
          rss[name].push(residentMegabytes(services[name].service.pid));
          const heapUsed = await heapUsedMegabytes(services[name].baseUrl);
          if (heapUsed !== undefined) heap[name].push(heapUsed);
        }
      } finally {
        await services.close();
      }
      log(
        `run ${run}: ready in ${ready.at(-1)!.toFixed(2)} s; RSS ${serviceNames.map((name) => `${name} ${rss[name].at(-1)!.toFixed(0)} MB`).join(', ')}`,
      );
    }
    const bareMemory = { label: 'bare Node HTTP server', unit: 'MB', runs: bareRss };
    const memoryFigures: Figure[] = serviceNames.map((name) => ({
      label: `${name} resident memory after ${IDLE_MS / 1000} s idle`,
      unit: 'MB',
      runs: rss[name],
      baseline: bareMemory,
      targets: [{ on: 'value', op: '<=', limit: 150 }],
    }));
    return {
      figures: [
        {
          label: 'launch to every /health/ready 200',
          unit: 's',
          runs: ready,
          baseline: {
            label: 'bare Node HTTP server, spawn to listening',
            unit: 's',
            runs: bareStart,
          },
          targets: [{ on: 'value', op: '<=', limit: 20 }],
        },
        ...memoryFigures,
      ],
      notes: [
        `V8 heap in use at the same moment (median MB, nodejs_heap_size_used_bytes): ${serviceNames
          .filter((name) => heap[name].length > 0)
          .map((name) => `${name} ${median(heap[name]).toFixed(0)}`)
          .join(
            ', ',
          )} (the gateway exports no Node.js metrics). The rest of the resident memory is code, V8's compiled code and metadata, and native buffers.`,
        "The launch is what `npm start` does after its build step: new databases, each service's migrations, then the processes, with identity first (the others read its signing keys), membership and billing together, and the gateway last. The SMTP test server and database creation are inside the timed span.",
      ],
    };
  },
};
