import { readFileSync } from 'node:fs';
import { startBareServer } from '../baselines/bare-http.js';
import { startServices } from '../stack/bench-stack.js';
import type { Figure } from '../report/results.js';
import type { Scenario } from './scenario.js';

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
 * From nothing to every /health/ready answering 200: new databases, migrations and four
 * processes, then each process's memory after it sat idle.
 */
export const stackReadyScenario: Scenario = {
  id: 'stack-ready',
  title: 'Whole stack: start to ready, idle memory',
  async run({ settings, log }) {
    const ready: number[] = [];
    const bareStart: number[] = [];
    const bareRss: number[] = [];
    const rss = Object.fromEntries(serviceNames.map((name) => [name, [] as number[]])) as Record<
      (typeof serviceNames)[number],
      number[]
    >;
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
        for (const name of serviceNames)
          rss[name].push(residentMegabytes(services[name].service.pid));
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
        "The launch is what `npm start` does after its build step: new databases, each service's migrations, then the processes, with identity first (the others read its signing keys), membership and billing together, and the gateway last. The SMTP test server and database creation are inside the timed span.",
      ],
    };
  },
};
