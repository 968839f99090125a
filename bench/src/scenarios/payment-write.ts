import { prepareInsertBaseline } from '../baselines/pg-insert.js';
import { runHttpLoad } from '../load/http-load.js';
import { withCpuUsage } from '../load/process-cpu.js';
import { startBenchStack } from '../stack/bench-stack.js';
import { istanbulToday } from '../stack/istanbul-date.js';
import { HTTP_CONNECTIONS, PGBENCH_CLIENTS } from './baselines.js';
import type { Scenario } from './scenario.js';

/** POST /api/v1/payments with a new Idempotency-Key per request: a row, an outbox row, a key. */
export const paymentWriteScenario: Scenario = {
  id: 'payment-write',
  title: 'Payment writes through the gateway',
  async run({ settings, log }) {
    const stack = await startBenchStack();
    const inserts = await prepareInsertBaseline();
    const body = JSON.stringify({
      memberId: stack.memberId,
      amount: '450.00',
      method: 'CASH',
      paidOn: istanbulToday(),
    });
    const headers = { authorization: `Bearer ${stack.owner.accessToken}` };

    const insertRuns: number[] = [];
    const direct = { rate: [] as number[], p99: [] as number[] };
    const gateway = { rate: [] as number[], p99: [] as number[] };
    const cpuPerPayment = { billing: [] as number[], gateway: [] as number[] };
    const pids = [stack.billing.service.pid, stack.gateway.service.pid];
    let failures = 0;

    try {
      for (let run = 1; run <= settings.runs; run += 1) {
        insertRuns.push(await inserts.measure(settings.durationSeconds, PGBENCH_CLIENTS));
        for (const [side, baseUrl] of [
          [direct, stack.billing.baseUrl],
          [gateway, stack.gateway.baseUrl],
        ] as const) {
          const { result: load, cpuMs } = await withCpuUsage(pids, () =>
            runHttpLoad({
              url: `${baseUrl}/api/v1/payments`,
              method: 'POST',
              headers,
              body,
              uniqueIdempotencyKey: true,
              connections: HTTP_CONNECTIONS,
              durationSeconds: settings.durationSeconds,
            }),
          );
          if (side === gateway) {
            cpuPerPayment.billing.push(cpuMs[0]! / load.successes);
            cpuPerPayment.gateway.push(cpuMs[1]! / load.successes);
          }

          failures += load.non2xx + load.errors;
          side.rate.push(load.requestsPerSecond);
          side.p99.push(load.p99Ms);
        }
        log(
          `run ${run}: pgbench ${insertRuns.at(-1)!.toFixed(0)} tx/s, billing ${direct.rate.at(-1)!.toFixed(0)} req/s, ` +
            `gateway ${gateway.rate.at(-1)!.toFixed(0)} req/s p99 ${gateway.p99.at(-1)} ms`,
        );
      }
    } finally {
      await inserts.close();
      await stack.close();
    }

    return {
      figures: [
        {
          label: 'payments recorded through the gateway',
          unit: 'req/s',
          runs: gateway.rate,
          baseline: { label: 'pgbench single-row inserts', unit: 'tx/s', runs: insertRuns },
          targets: [
            { on: 'value', op: '>=', limit: 1500 },
            { on: 'ratio', op: '>=', limit: 0.1 },
          ],
        },
        {
          label: 'payments recorded through the gateway',
          unit: 'req/s',
          runs: gateway.rate,
          baseline: { label: 'straight to billing', unit: 'req/s', runs: direct.rate },
        },
        {
          label: 'p99 latency through the gateway',
          unit: 'ms',
          runs: gateway.p99,
          baseline: { label: 'straight to billing', unit: 'ms', runs: direct.p99 },
          comparison: 'difference',
          targets: [{ on: 'value', op: '<=', limit: 50 }],
        },
        {
          label: 'billing CPU time per payment',
          unit: 'ms',
          runs: cpuPerPayment.billing,
          baseline: {
            label: 'gateway CPU time per payment',
            unit: 'ms',
            runs: cpuPerPayment.gateway,
          },
        },
      ],
      notes: [
        `autocannon, ${HTTP_CONNECTIONS} connections, ${settings.durationSeconds} s per run and side, one member, a new Idempotency-Key per request; pgbench with ${PGBENCH_CLIENTS} clients (billing's pool size). Latency percentiles from autocannon have 1 ms resolution. CPU time per payment: user and system time of each process from /proc/<pid>/stat during the gateway phase, divided by its 2xx answers.`,
        `Answers other than 2xx and connection errors over all runs: ${failures}.`,
      ],
    };
  },
};
