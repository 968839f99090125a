import type { Figure } from '../report/results.js';
import { median } from '../report/stats.js';
import { paymentCountOf } from '../report/payment-count.js';
import { startBenchStack } from '../stack/bench-stack.js';
import { istanbulToday } from '../stack/istanbul-date.js';
import { measureLagPhase, POLL_INTERVAL_MS, type LagPhase } from './report-lag-phase.js';
import type { Scenario } from './scenario.js';

const PAYMENTS_PER_SECOND = 200;
/** A rate the 2-core machine takes without queueing payments, for the lag of an idle path. */
const LIGHT_PAYMENTS_PER_SECOND = 50;
/** The setup payment of the bench stack has this amount too, so every payment counts the same. */
const AMOUNT = '450.00';

const medianOf = (values: number[]) => (values.length > 0 ? median(values).toFixed(0) : '—');

/**
 * Payments through the gateway at a fixed arrival rate while the revenue report is polled
 * through the gateway: how long after its 201 each payment shows in the report.
 */
export const reportLagScenario: Scenario = {
  id: 'report-lag',
  title: `Payment to revenue report lag at ${PAYMENTS_PER_SECOND} payments/s`,
  async run({ settings, log }) {
    const stack = await startBenchStack({ reporting: true });
    const month = istanbulToday().slice(0, 7);
    const reportPath = `/api/v1/reports/revenue?month=${month}`;
    const countOf = (body: unknown) => paymentCountOf((body as { total: string }).total, AMOUNT);
    const phases = { full: [] as LagPhase[], light: [] as LagPhase[] };

    try {
      const readCount = async () => {
        const response = await stack.flows.call('GET', reportPath, {
          token: stack.owner.accessToken,
        });
        if (response.status !== 200)
          throw new Error(`GET ${reportPath} returned ${response.status}: ${response.text}`);
        return countOf(response.body);
      };

      // The stack's setup payment proves the event path works before the clock starts.
      const deadline = Date.now() + 20_000;
      while ((await readCount()) < 1) {
        if (Date.now() > deadline)
          throw new Error(`the revenue report of ${month} did not show the setup payment in 20 s`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }

      for (let run = 1; run <= settings.runs; run += 1) {
        for (const [name, rate] of [
          ['full', PAYMENTS_PER_SECOND],
          ['light', LIGHT_PAYMENTS_PER_SECOND],
        ] as const) {
          const phase = await measureLagPhase(stack, {
            rate,
            durationSeconds: settings.durationSeconds,
            reportUrl: `${stack.gateway.baseUrl}${reportPath}`,
            amount: AMOUNT,
            countOf,
            shownBefore: await readCount(),
          });
          phases[name].push(phase);
          log(
            `run ${run} at ${rate}/s: ${phase.acknowledged}/${phase.sent} payments at ${phase.rate.toFixed(0)}/s, ` +
              `lag p50 ${phase.lag.p50.toFixed(0)} ms p99 ${phase.lag.p99.toFixed(0)} ms, ` +
              `write p50 ${phase.write.p50.toFixed(0)} ms p99 ${phase.write.p99.toFixed(0)} ms, ` +
              `relay claim to reporting p50 ${phase.claimToApplied.p50.toFixed(0)} ms p99 ${phase.claimToApplied.p99.toFixed(0)} ms`,
          );
        }
      }
    } finally {
      await stack.close();
    }

    return {
      figures: figuresOf(phases),
      notes: notesOf(phases, settings.durationSeconds, month),
    };
  },
};

function figuresOf(phases: { full: LagPhase[]; light: LagPhase[] }): Figure[] {
  const { full, light } = phases;
  const writeLabel = 'the same payments, gateway write latency';
  return [
    {
      label: 'payment to revenue report lag, p99',
      unit: 'ms',
      runs: full.map((phase) => phase.lag.p99),
      baseline: { label: `${writeLabel} p99`, unit: 'ms', runs: full.map((p) => p.write.p99) },
      targets: [{ on: 'value', op: '<=', limit: 250 }],
    },
    {
      label: 'payment to revenue report lag, p50',
      unit: 'ms',
      runs: full.map((phase) => phase.lag.p50),
      baseline: { label: `${writeLabel} p50`, unit: 'ms', runs: full.map((p) => p.write.p50) },
    },
    {
      label: 'payments acknowledged (201)',
      unit: 'req/s',
      runs: full.map((phase) => phase.rate),
      baseline: {
        label: 'scheduled arrival rate',
        unit: 'req/s',
        runs: full.map(() => PAYMENTS_PER_SECOND),
      },
      targets: [{ on: 'ratio', op: '>=', limit: 0.95 }],
    },
    {
      label: "relay's claim to reporting's transaction, p99",
      unit: 'ms',
      runs: full.map((phase) => phase.claimToApplied.p99),
      baseline: {
        label: `the same at ${LIGHT_PAYMENTS_PER_SECOND} payments/s`,
        unit: 'ms',
        runs: light.map((phase) => phase.claimToApplied.p99),
      },
    },
    {
      label: `lag p99 at ${LIGHT_PAYMENTS_PER_SECOND} payments/s`,
      unit: 'ms',
      runs: light.map((phase) => phase.lag.p99),
      baseline: { label: `${writeLabel} p99`, unit: 'ms', runs: light.map((p) => p.write.p99) },
    },
    {
      label: 'reporting CPU time per payment, polls included',
      unit: 'ms',
      runs: full.map((phase) => phase.cpuPerPayment.reporting),
      baseline: {
        label: 'billing CPU time per payment',
        unit: 'ms',
        runs: full.map((phase) => phase.cpuPerPayment.billing),
      },
    },
  ];
}

function notesOf(
  phases: { full: LagPhase[]; light: LagPhase[] },
  durationSeconds: number,
  month: string,
): string[] {
  const all = [...phases.full, ...phases.light];
  const failures: Record<string, number> = {};
  for (const phase of all) {
    for (const [status, count] of Object.entries(phase.failures))
      failures[status] = (failures[status] ?? 0) + count;
  }
  const failureList = Object.entries(failures)
    .map(([status, count]) => `${count} × ${status}`)
    .join(', ');
  return [
    `Each run has two phases of ${durationSeconds} s, at ${PAYMENTS_PER_SECOND} and then ${LIGHT_PAYMENTS_PER_SECOND} payments/s. A phase sends POST /api/v1/payments through the gateway on an open-loop schedule: payment i leaves at start + i / rate whether or not earlier ones have a response, each with a new Idempotency-Key and the amount ${AMOUNT} for one member. Meanwhile GET /api/v1/reports/revenue?month=${month} is polled through the gateway every ${POLL_INTERVAL_MS} ms, one request at a time, and every response is stored with its arrival time and its total.`,
    `The report counts payments, not ids, so the count is total / ${AMOUNT}. The lag of the k-th acknowledged payment is the arrival of the first poll response after its 201 that counts at least k payments of the phase, minus the arrival of that 201. The figures are upper bounds: they are coarser than the truth by up to the poll interval plus one poll's latency (median ${medianOf(all.flatMap((phase) => phase.pollMs))} ms).`,
    `Baseline: the time from sending each of the same payments to its 201 through the gateway. It is the synchronous part of the same write under the same load at the same moment, so the ratio is what the asynchronous path (outbox relay, RabbitMQ, reporting's transaction) costs on top, whatever else the machine runs.`,
    `"Relay's claim to reporting's transaction" comes from the timestamps the services store, read after each phase: the outbox row's sent_at (start of the relay transaction that claimed and published it) and reporting's inbox processed_at (start of the transaction that applied it), on the one PostgreSQL server both databases share. It covers the publish and its confirm, the broker and the wait in reporting's queue. Its p50 was ${medianOf(phases.full.map((phase) => phase.claimToApplied.p50))} ms at ${PAYMENTS_PER_SECOND}/s and ${medianOf(phases.light.map((phase) => phase.claimToApplied.p50))} ms at ${LIGHT_PAYMENTS_PER_SECOND}/s (medians of the runs). CPU time per payment comes from /proc/<pid>/stat over the ${PAYMENTS_PER_SECOND}/s phase, divided by the acknowledged payments; reporting's includes the polls.`,
    `Payments without a 201 over all phases: ${failureList || 'none'}. A payment that failed at the gateway may still have been recorded, and the report then counts it, which makes the lags of the payments after it slightly low.`,
  ];
}
