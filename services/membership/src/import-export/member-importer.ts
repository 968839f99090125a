import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { isUniqueViolation } from '@gym/database';
import { PINO_LOGGER } from '../common/tokens.js';
import { MEMBER_PHONE_INDEX } from '../members/member-lookup.js';
import { TenantCalendar } from '../replicas/tenant-calendar.js';
import { findMembersByPhone, outcomeForExisting } from './existing-members.js';
import { importBatch } from './import-batch.js';
import {
  checkRow,
  isCandidate,
  type ImportCandidate,
  type RowOutcome,
} from './import-candidate.js';
import { ImportJob, type RejectedRow } from './import-job.entity.js';
import { ImportLookups } from './import-lookups.js';
import type { MemberColumn } from './member-columns.js';
import type { MemberSheet } from './member-file-reader.js';
import { RowImporter } from './row-importer.js';

/**
 * Rows checked and written together. A batch costs at most eight round trips to PostgreSQL
 * whatever its size: the phone lookup, BEGIN, the branch and plan checks, the member and outbox
 * inserts, COMMIT and the progress write. It also holds its plans share-locked until COMMIT, and
 * a batch whose transaction fails is imported again one row at a time.
 */
export const IMPORT_BATCH_ROWS = 250;

/**
 * Creates the members of one import job batch by batch, each batch in one transaction, and
 * records the progress on the job row after each batch.
 */
@Injectable()
export class MemberImporter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TenantCalendar) private readonly calendar: TenantCalendar,
    @Inject(RowImporter) private readonly rowImporter: RowImporter,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  async run(
    job: ImportJob,
    sheet: MemberSheet,
    columns: (MemberColumn | undefined)[],
  ): Promise<void> {
    const lookups = await ImportLookups.load(this.dataSource.manager, job.tenantId);
    const timeZone = await this.calendar.timeZone(job.tenantId);
    const phonesInFile = new Set<string>();

    for (let start = 0; start < sheet.rows.length; start += IMPORT_BATCH_ROWS) {
      const rows = sheet.rows.slice(start, start + IMPORT_BATCH_ROWS);
      const checked = rows.map(({ rowNumber, cells }) =>
        checkRow(rowNumber, cells, columns, lookups, phonesInFile),
      );
      const candidates = checked.filter(isCandidate);

      const today = this.calendar.todayIn(timeZone);
      const imported = await this.importCandidates(job, candidates, today);
      const outcomes = checked.map((result) =>
        isCandidate(result) ? imported.get(result.rowNumber)! : result,
      );
      this.count(job, rows, outcomes);
      await this.saveProgress(job);
    }

    job.status = 'COMPLETED';
    job.finishedAt = new Date();
    await this.saveProgress(job);
    this.logger.info(
      {
        importJobId: job.id,
        tenantId: job.tenantId,
        created: job.createdCount,
        skipped: job.skippedCount,
        rejected: job.rejectedCount,
      },
      'Member import finished',
    );
  }

  /** Imports checked rows and returns each one's outcome, by row number. */
  private async importCandidates(
    job: ImportJob,
    candidates: ImportCandidate[],
    today: string,
  ): Promise<Map<number, RowOutcome>> {
    const outcomes = new Map<number, RowOutcome>();
    const existing = await findMembersByPhone(
      this.dataSource.manager,
      job.tenantId,
      candidates.map((candidate) => candidate.row.phone),
    );
    for (const candidate of candidates) {
      const member = existing.get(candidate.row.phone);
      if (member) outcomes.set(candidate.rowNumber, outcomeForExisting(member, candidate.row));
    }

    const fresh = candidates.filter((candidate) => !outcomes.has(candidate.rowNumber));
    const freshOutcomes = await this.importFresh(job, fresh, today);
    fresh.forEach((candidate, index) => outcomes.set(candidate.rowNumber, freshOutcomes[index]!));
    return outcomes;
  }

  /**
   * Creates rows whose phones no member had at the lookup, in one transaction. When it fails,
   * most often because a phone was created concurrently, the rows are imported again one at a
   * time so that each gets its own outcome.
   */
  private async importFresh(
    job: ImportJob,
    fresh: ImportCandidate[],
    today: string,
  ): Promise<RowOutcome[]> {
    if (fresh.length === 0) return [];

    try {
      return await this.dataSource.transaction((manager) =>
        importBatch(manager, job.tenantId, fresh, today),
      );
    } catch (error) {
      const phoneTaken = isUniqueViolation(error, MEMBER_PHONE_INDEX);
      this.logger[phoneTaken ? 'info' : 'warn'](
        { err: error, importJobId: job.id, rows: fresh.length },
        'Member import batch failed; importing its rows one at a time',
      );
      const outcomes: RowOutcome[] = [];
      for (const candidate of fresh) outcomes.push(await this.rowImporter.import(job, candidate));
      return outcomes;
    }
  }

  /** Adds a batch's outcomes to the job's counters, with rejected rows in file order. */
  private count(job: ImportJob, rows: MemberSheet['rows'], outcomes: RowOutcome[]): void {
    rows.forEach(({ rowNumber }, index) => {
      const outcome = outcomes[index]!;
      job.processedRows += 1;
      if (outcome === 'created') job.createdCount += 1;
      else if (outcome === 'skipped') job.skippedCount += 1;
      else {
        job.rejectedCount += 1;
        const rejected: RejectedRow = { row: rowNumber, ...outcome };
        job.rejectedRows.push(rejected);
      }
    });
  }

  private async saveProgress(job: ImportJob): Promise<void> {
    await this.dataSource.getRepository(ImportJob).update(job.id, {
      status: job.status,
      processedRows: job.processedRows,
      createdCount: job.createdCount,
      skippedCount: job.skippedCount,
      rejectedCount: job.rejectedCount,
      rejectedRows: job.rejectedRows,
      finishedAt: job.finishedAt,
    });
  }
}
