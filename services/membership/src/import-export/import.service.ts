import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppException } from '@gym/errors';
import { PINO_LOGGER } from '../common/tokens.js';
import type { UploadedFileContent } from '../common/uploaded-file.js';
import { ImportJob } from './import-job.entity.js';
import { MemberImporter } from './member-importer.js';
import { columnsOf, type MemberColumn } from './member-columns.js';
import { detectFormat, readCsv, readXlsx, type MemberSheet } from './member-file-reader.js';

/** Most data rows one file may have. */
export const MAX_IMPORT_ROWS = 10_000;

/** Largest import file in bytes. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

const requiredColumns: MemberColumn[] = [
  'firstName',
  'lastName',
  'phone',
  'plan',
  'membershipStartDate',
];

/**
 * Accepts member files: reads and checks the file while the upload waits, then creates the
 * members in the background and records progress on the job row.
 */
@Injectable()
export class ImportService implements OnApplicationShutdown {
  private readonly running = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MemberImporter) private readonly importer: MemberImporter,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  async start(
    tenantId: string,
    userId: string,
    file: UploadedFileContent | undefined,
  ): Promise<ImportJob> {
    if (!file || file.size === 0) {
      throw new AppException('IMPORT_FILE_MISSING');
    }
    const format = detectFormat(file.buffer);
    const sheet = format === 'xlsx' ? await readXlsx(file.buffer) : readCsv(file.buffer);
    const columns = checkColumns(sheet);

    const job = await this.dataSource.getRepository(ImportJob).save({
      tenantId,
      createdBy: userId,
      fileName: file.originalname.slice(0, 255),
      fileFormat: format,
      status: 'RUNNING',
      totalRows: sheet.rows.length,
      processedRows: 0,
      createdCount: 0,
      skippedCount: 0,
      rejectedCount: 0,
      rejectedRows: [],
      error: null,
      finishedAt: null,
    });

    // NOTE: the rows stay in this process's memory until processed. If the process stops first,
    // the job stays RUNNING, and uploading the file again skips the rows already imported.
    const processing = this.importer
      .run(job, sheet, columns)
      .catch((error: unknown) => this.fail(job, error))
      .finally(() => this.running.delete(processing));
    this.running.add(processing);
    return job;
  }

  async find(tenantId: string, jobId: string): Promise<ImportJob> {
    const job = await this.dataSource.getRepository(ImportJob).findOneBy({ id: jobId, tenantId });
    if (!job) {
      throw new AppException('NOT_FOUND');
    }
    return job;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async fail(job: ImportJob, error: unknown): Promise<void> {
    this.logger.error(
      { err: error, importJobId: job.id, tenantId: job.tenantId },
      'Member import failed',
    );
    await this.dataSource
      .getRepository(ImportJob)
      .update(job.id, {
        status: 'FAILED',
        error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
        finishedAt: new Date(),
      })
      .catch((updateError: unknown) =>
        this.logger.error(
          { err: updateError, importJobId: job.id },
          'Recording the import failure failed',
        ),
      );
  }
}

function checkColumns(sheet: MemberSheet): (MemberColumn | undefined)[] {
  const columns = columnsOf(sheet.headers);
  const missing = requiredColumns.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    throw new AppException('IMPORT_COLUMNS_MISSING', { columns: missing.join(', ') });
  }
  if (sheet.rows.length > MAX_IMPORT_ROWS) {
    throw new AppException('IMPORT_TOO_MANY_ROWS', { maxRows: MAX_IMPORT_ROWS });
  }
  return columns;
}
