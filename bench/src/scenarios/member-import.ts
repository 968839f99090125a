import type { HttpResult, RequestOptions } from '@gym/stack';
import { prepareInsertBaseline } from '../baselines/pg-insert.js';
import { startBenchStack } from '../stack/bench-stack.js';
import { istanbulToday } from '../stack/istanbul-date.js';
import { PGBENCH_CLIENTS } from './baselines.js';
import { memberCsv } from './member-csv.js';
import type { Scenario } from './scenario.js';

const ROWS = 10_000;
/** The import runs for at most this long before the run counts as failed. */
const IMPORT_TIMEOUT_MS = 300_000;

/** A 10,000-row CSV uploaded through the gateway, timed until the job is COMPLETED. */
export const memberImportScenario: Scenario = {
  id: 'member-import',
  title: `Member import of ${ROWS.toLocaleString('en-US')} rows`,
  async run({ settings, log }) {
    const stack = await startBenchStack();
    const inserts = await prepareInsertBaseline();
    const token = stack.owner.accessToken;
    const durations: number[] = [];
    const insertSeconds: number[] = [];
    const notes: string[] = [];
    try {
      for (let run = 1; run <= settings.runs; run += 1) {
        const tps = await inserts.measure(Math.min(settings.durationSeconds, 5), PGBENCH_CLIENTS);
        insertSeconds.push(ROWS / tps);

        const csv = memberCsv(ROWS, run, stack.branch.name, stack.plan.name, istanbulToday());
        const form = new FormData();
        form.append('file', new Blob([csv], { type: 'text/csv' }), 'uyeler.csv');
        const started = Date.now();
        const upload = await stack.flows.call('POST', '/api/v1/members/import', {
          token,
          body: form,
        });
        if (upload.status !== 202)
          throw new Error(`import upload failed with ${upload.status}: ${upload.text}`);

        const job = await waitForJob(
          stack.flows.call.bind(stack.flows),
          token,
          upload.body.id,
          log,
        );
        const seconds = (Date.now() - started) / 1000;
        durations.push(seconds);
        if (job.createdCount !== ROWS) {
          notes.push(
            `Run ${run} created ${job.createdCount} of ${ROWS} rows (${job.rejectedCount} rejected, ${job.skippedCount} skipped).`,
          );
        }
        log(
          `run ${run}: ${seconds.toFixed(2)} s, ${job.createdCount} created; ${ROWS} inserts at pgbench's rate ${(ROWS / tps).toFixed(2)} s`,
        );
      }
    } finally {
      await inserts.close();
      await stack.close();
    }
    return {
      figures: [
        {
          label: 'upload to COMPLETED through the gateway',
          unit: 's',
          runs: durations,
          baseline: {
            label: `${ROWS.toLocaleString('en-US')} single-row inserts at pgbench's rate`,
            unit: 's',
            runs: insertSeconds,
          },
          targets: [{ on: 'value', op: '<=', limit: 10 }],
        },
      ],
      notes: [
        `Each run uploads a new file of ${ROWS.toLocaleString('en-US')} members with phones no earlier run used, into a tenant that grows by that many members per run; progress polled every 100 ms. The baseline is ${ROWS.toLocaleString('en-US')} divided by pgbench's single-row insert rate (${PGBENCH_CLIENTS} clients) measured just before the upload.`,
        ...notes,
      ],
    };
  },
};

type Call = (method: string, path: string, options?: RequestOptions) => Promise<HttpResult>;

async function waitForJob(
  call: Call,
  token: string,
  jobId: string,
  log: (message: string) => void,
) {
  const started = Date.now();
  const deadline = started + IMPORT_TIMEOUT_MS;
  let reported = started;
  while (Date.now() < deadline) {
    const job = await call('GET', `/api/v1/members/import/${jobId}`, { token });
    if (job.status !== 200)
      throw new Error(`import status request failed with ${job.status}: ${job.text}`);
    if (job.body.status === 'COMPLETED') return job.body;
    if (job.body.status === 'FAILED') throw new Error(`import failed: ${job.text}`);
    if (Date.now() - reported >= 10_000) {
      reported = Date.now();
      log(`${job.body.processedRows} rows after ${((reported - started) / 1000).toFixed(0)} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`import ${jobId} did not complete within ${IMPORT_TIMEOUT_MS / 1000} s`);
}
