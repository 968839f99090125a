import type { Language } from '@gym/errors';
import type { ImportJob } from './import-job.entity.js';
import { problemMessage } from './import-problems.js';

/** Builds the API view of an import job: progress, and each rejected row's reason in the request's language. */
export function toImportJobView(job: ImportJob, language: Language) {
  return {
    id: job.id,
    status: job.status,
    fileName: job.fileName,
    format: job.fileFormat,
    totalRows: job.totalRows,
    processedRows: job.processedRows,
    createdCount: job.createdCount,
    skippedCount: job.skippedCount,
    rejectedCount: job.rejectedCount,
    rejectedRows: job.rejectedRows.map((rejected) => ({
      row: rejected.row,
      code: rejected.code,
      field: rejected.field ?? null,
      message: problemMessage(rejected, language),
    })),
    error: job.error,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}

export type ImportJobView = ReturnType<typeof toImportJobView>;
