import { percentile } from '../load/latency-probe.js';
import { sendOpenLoop } from '../load/open-loop.js';
import { processCpuMs } from '../load/process-cpu.js';
import { pollReport } from '../load/report-poller.js';
import { visibilityLags } from '../report/visibility-lag.js';
import type { BenchStack } from '../stack/bench-stack.js';
import { claimToAppliedMs, databaseNow } from '../stack/event-path.js';
import { istanbulToday } from '../stack/istanbul-date.js';

export const POLL_INTERVAL_MS = 20;
/** How long the report may take after the last response to show every acknowledged payment. */
const CATCH_UP_MS = 60_000;

/** Percentiles of one phase in milliseconds, and what the payments cost. */
export interface LagPhase {
  sent: number;
  acknowledged: number;
  /** Requests without a 201, by status, or by "no response" for connection errors. */
  failures: Record<string, number>;
  /** Acknowledged payments per second, from the first request to the last 201. */
  rate: number;
  lag: { p50: number; p99: number };
  write: { p50: number; p99: number };
  /** From the relay's claim of the outbox row to the start of reporting's transaction. */
  claimToApplied: { p50: number; p99: number };
  cpuPerPayment: { reporting: number; billing: number };
  pollMs: number[];
}

const sorted = (values: number[]) => ({ sorted: [...values].sort((a, b) => a - b) });
const percentiles = (values: number[]) => ({
  p50: percentile(sorted(values), 50),
  p99: percentile(sorted(values), 99),
});

/**
 * Sends payments of `amount` through the gateway on an open-loop schedule at `rate` per second
 * for `durationSeconds` while polling the revenue report at `reportUrl`, then waits until the
 * report shows every acknowledged payment and returns the lags. Fails when a payment is still
 * missing from the report a minute after the last response.
 */
export async function measureLagPhase(
  stack: BenchStack,
  options: {
    rate: number;
    durationSeconds: number;
    reportUrl: string;
    amount: string;
    /** Payments the report counts in its response. */
    countOf(body: unknown): number;
    /** Payments the report counted before the phase. */
    shownBefore: number;
  },
): Promise<LagPhase> {
  const reporting = stack.reporting!;
  const headers = { authorization: `Bearer ${stack.owner.accessToken}` };
  const since = await databaseNow(stack.billing.databaseUrl);
  const pids = [reporting.service.pid, stack.billing.service.pid];
  const cpuBefore = pids.map(processCpuMs);

  const poller = pollReport({
    url: options.reportUrl,
    headers,
    intervalMs: POLL_INTERVAL_MS,
    countOf: (body) => options.countOf(body) - options.shownBefore,
  });
  const sent = await sendOpenLoop({
    url: `${stack.gateway.baseUrl}/api/v1/payments`,
    headers,
    body: JSON.stringify({
      memberId: stack.memberId,
      amount: options.amount,
      method: 'CASH',
      paidOn: istanbulToday(),
    }),
    requestsPerSecond: options.rate,
    durationSeconds: options.durationSeconds,
  });
  const acknowledged = sent.filter((request) => request.status === 201);
  const failures: Record<string, number> = {};
  for (const request of sent) {
    if (request.status === 201) continue;
    const status = request.status === undefined ? 'no response' : String(request.status);
    failures[status] = (failures[status] ?? 0) + 1;
  }
  const samples = await poller.finish(acknowledged.length, CATCH_UP_MS);
  const cpuMs = pids.map((pid, index) => processCpuMs(pid) - cpuBefore[index]!);

  const respondedAt = acknowledged.map((request) => request.respondedAt!);
  const { lags, unseen } = visibilityLags(respondedAt, samples);
  if (unseen > 0) {
    throw new Error(
      `${unseen} of ${acknowledged.length} acknowledged payments were missing from the revenue report ${CATCH_UP_MS / 1000} s after the last response`,
    );
  }
  const stages = await claimToAppliedMs(
    { billing: stack.billing.databaseUrl, reporting: reporting.databaseUrl },
    since,
  );
  if (stages.length === 0)
    throw new Error("no payment of the phase is in both billing's outbox and reporting's inbox");
  const lastResponse = Math.max(...respondedAt);
  return {
    sent: sent.length,
    acknowledged: acknowledged.length,
    failures,
    rate: acknowledged.length / ((lastResponse - sent[0]!.sentAt) / 1000),
    lag: percentiles(lags),
    write: percentiles(acknowledged.map((request) => request.respondedAt! - request.sentAt)),
    claimToApplied: percentiles(stages),
    cpuPerPayment: {
      reporting: cpuMs[0]! / acknowledged.length,
      billing: cpuMs[1]! / acknowledged.length,
    },
    pollMs: poller.pollMs,
  };
}
