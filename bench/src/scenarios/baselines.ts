import { runHttpLoad } from '../load/http-load.js';
import { startBareServer } from '../baselines/bare-http.js';
import { prepareInsertBaseline } from '../baselines/pg-insert.js';
import { measureConfirmedPublishes } from '../baselines/amqp-publish.js';
import type { Scenario } from './scenario.js';

/** Connections of the HTTP load, in every scenario that drives a server flat out. */
export const HTTP_CONNECTIONS = 20;
/** pgbench clients: the pool size (DATABASE_POOL_MAX) of one service. */
export const PGBENCH_CLIENTS = 10;

/** The machine's own limits, each measured alone. */
export const baselinesScenario: Scenario = {
  id: 'baselines',
  title: 'Baselines: the machine alone',
  async run({ settings, log }) {
    const http: number[] = [];
    const inserts: number[] = [];
    const publishes: number[] = [];
    const server = await startBareServer();
    const database = await prepareInsertBaseline();
    try {
      for (let run = 1; run <= settings.runs; run += 1) {
        const load = await runHttpLoad({
          url: `${server.baseUrl}/`,
          connections: HTTP_CONNECTIONS,
          durationSeconds: settings.durationSeconds,
        });
        http.push(load.requestsPerSecond);
        inserts.push(await database.measure(settings.durationSeconds, PGBENCH_CLIENTS));
        publishes.push(await measureConfirmedPublishes(settings.durationSeconds));
        log(
          `run ${run}: ${http.at(-1)!.toFixed(0)} req/s, ${inserts.at(-1)!.toFixed(0)} inserts/s, ${publishes.at(-1)!.toFixed(0)} publishes/s`,
        );
      }
    } finally {
      await server.close();
      await database.close();
    }
    return {
      figures: [
        { label: 'bare Node HTTP, fixed JSON (autocannon)', unit: 'req/s', runs: http },
        { label: 'single-row insert transactions (pgbench)', unit: 'tx/s', runs: inserts },
        { label: 'RabbitMQ persistent publishes with confirms', unit: 'msg/s', runs: publishes },
      ],
      notes: [
        `HTTP: ${HTTP_CONNECTIONS} connections for ${settings.durationSeconds} s per run. pgbench: ${PGBENCH_CLIENTS} clients, 2 threads, one INSERT of a payment-shaped row per transaction, in a database created and dropped by the run. RabbitMQ: 300-byte persistent messages to a quorum queue of its own, up to 100 unconfirmed at once.`,
      ],
    };
  },
};
