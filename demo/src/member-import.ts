import type { DemoContext } from './demo-context.js';
import { listAll } from './listing.js';

interface ImportJob {
  id: string;
  status: string;
  totalRows: number;
  processedRows: number;
  createdCount: number;
  skippedCount: number;
  rejectedCount: number;
  rejectedRows: { row: number; code: string; field: string | null; message: string }[];
  error: string | null;
}

const FINISHED = new Set(['COMPLETED', 'FAILED']);

/**
 * Uploads the member file as multipart, polls the import job until it finishes, and then reads
 * the members back to learn their ids. Fails unless every row created a member.
 */
export async function importMembers(context: DemoContext, timeoutMs = 120_000): Promise<void> {
  const { client, progress, data } = context;
  progress.step(
    `Importing ${data.members.length} members from members.csv (semicolons, Turkish headers)`,
  );

  const form = new FormData();
  form.append('file', new Blob([data.membersCsv], { type: 'text/csv' }), 'members.csv');
  let job = await client.call<ImportJob>('POST', '/api/v1/members/import', { form });
  progress.info(`import job ${job.id}: ${job.totalRows} rows`);

  const deadline = Date.now() + timeoutMs;
  let shownHundreds = 0;
  while (!FINISHED.has(job.status)) {
    if (Date.now() > deadline) {
      throw new Error(`The import job ${job.id} did not finish within ${timeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    job = await client.call<ImportJob>('GET', `/api/v1/members/import/${job.id}`);
    const hundreds = Math.floor(job.processedRows / 100);
    if (hundreds > shownHundreds && !FINISHED.has(job.status)) {
      shownHundreds = hundreds;
      progress.info(`${job.processedRows}/${job.totalRows} rows processed`);
    }
  }

  progress.info(
    `${job.status}: ${job.createdCount} created, ${job.skippedCount} skipped, ${job.rejectedCount} rejected`,
  );
  if (job.rejectedRows.length > 0) {
    progress.table(
      ['row', 'code', 'field', 'message'],
      job.rejectedRows.map((row) => [String(row.row), row.code, row.field ?? '', row.message]),
    );
  }
  if (job.status !== 'COMPLETED' || job.createdCount !== data.members.length) {
    throw new Error(
      `The import created ${job.createdCount} of ${data.members.length} members (status ${job.status}${job.error ? `, ${job.error}` : ''})`,
    );
  }

  const members = await listAll<{ id: string; phone: string }>(client, '/api/v1/members');
  for (const member of members) context.memberIds.set(member.phone, member.id);
  progress.info(`${members.length} members listed; phones stored as E.164 (+90…)`);
}
