import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppException } from '@gym/errors';
import { PINO_LOGGER } from '../common/tokens.js';
import { foldName } from '../common/turkish-fold.js';
import { isUniqueViolation } from '@gym/database';
import { Member } from '../members/member.entity.js';
import { MEMBER_PHONE_INDEX } from '../members/member-lookup.js';
import { MembersService } from '../members/members.service.js';
import { ImportJob, type RejectedRow } from './import-job.entity.js';
import { ImportLookups } from './import-lookups.js';
import { isRowProblem, parseRow, type ParsedRow, type RowProblem } from './import-row.js';
import type { MemberColumn } from './member-columns.js';
import type { MemberSheet } from './member-file-reader.js';

/** Rows between two progress writes to the job row. */
const PROGRESS_EVERY_ROWS = 20;

/**
 * Rows imported at the same time, each in its own transaction: a row costs several round trips
 * to PostgreSQL, and one row at a time leaves the pool idle between them. Kept well under the
 * pool size (DATABASE_POOL_MAX, 10 by default) so API requests still get connections.
 */
const CONCURRENT_ROWS = 4;

type RowOutcome = 'created' | 'skipped' | RowProblem;

/** Creates the members of one import job, a few rows at a time, each row in its own transaction. */
@Injectable()
export class MemberImporter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MembersService) private readonly members: MembersService,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  async run(
    job: ImportJob,
    sheet: MemberSheet,
    columns: (MemberColumn | undefined)[],
  ): Promise<void> {
    const lookups = await ImportLookups.load(this.dataSource.manager, job.tenantId);
    const phonesInFile = new Set<string>();

    let savedRows = 0;

    for (let start = 0; start < sheet.rows.length; start += CONCURRENT_ROWS) {
      const batch = sheet.rows.slice(start, start + CONCURRENT_ROWS);
      // importRow checks a row's phone against the file before its first await, so the rows of
      // a batch still claim their phones in file order.
      const outcomes = await Promise.all(
        batch.map(({ cells }) =>
          this.importRow(job, valuesOf(cells, columns), lookups, phonesInFile),
        ),
      );
      outcomes.forEach((outcome, offset) => this.count(job, batch[offset]!.rowNumber, outcome));

      if (job.processedRows - savedRows >= PROGRESS_EVERY_ROWS) {
        savedRows = job.processedRows;
        await this.saveProgress(job);
      }
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

  private async importRow(
    job: ImportJob,
    values: Partial<Record<MemberColumn, string>>,
    lookups: ImportLookups,
    phonesInFile: Set<string>,
  ): Promise<RowOutcome> {
    const row = parseRow(values);
    if (isRowProblem(row)) return row;
    const branch = lookups.branch(row.branch);
    if ('code' in branch) return branch;
    const plan = lookups.plan(row.plan, branch.branchId);
    if ('code' in plan) return plan;
    if (phonesInFile.has(row.phone))
      return { code: 'DUPLICATE_IN_FILE', field: 'phone', value: row.phone };
    phonesInFile.add(row.phone);

    const existing = await this.dataSource
      .getRepository(Member)
      .findOneBy({ tenantId: job.tenantId, phone: row.phone });
    if (existing)
      return sameMember(existing, row)
        ? 'skipped'
        : { code: 'PHONE_TAKEN', field: 'phone', value: row.phone };

    try {
      await this.dataSource.transaction((manager) =>
        this.members.insert(manager, job.tenantId, {
          ...row,
          branchId: branch.branchId,
          planId: plan.id,
        }),
      );
      return 'created';
    } catch (error) {
      return this.rowFailure(job, row, error);
    }
  }

  /** Maps a failed insert: a phone taken meanwhile, a branch or plan archived meanwhile, or a fault. */
  private rowFailure(job: ImportJob, row: ParsedRow, error: unknown): RowProblem {
    if (isUniqueViolation(error, MEMBER_PHONE_INDEX)) {
      return { code: 'PHONE_TAKEN', field: 'phone', value: row.phone };
    }
    if (error instanceof AppException && error.code.startsWith('BRANCH')) {
      return { code: 'BRANCH_ARCHIVED', field: 'branch', value: row.branch };
    }
    if (error instanceof AppException && error.code.startsWith('PLAN')) {
      return { code: 'UNKNOWN_PLAN', field: 'plan', value: row.plan };
    }
    this.logger.error({ err: error, importJobId: job.id }, 'Importing a member row failed');
    return { code: 'FAILED' };
  }

  private count(job: ImportJob, rowNumber: number, outcome: RowOutcome): void {
    job.processedRows += 1;
    if (outcome === 'created') job.createdCount += 1;
    else if (outcome === 'skipped') job.skippedCount += 1;
    else {
      job.rejectedCount += 1;
      const rejected: RejectedRow = { row: rowNumber, ...outcome };
      job.rejectedRows.push(rejected);
    }
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

function valuesOf(
  cells: string[],
  columns: (MemberColumn | undefined)[],
): Partial<Record<MemberColumn, string>> {
  const values: Partial<Record<MemberColumn, string>> = {};
  columns.forEach((column, position) => {
    if (column) values[column] = (cells[position] ?? '').trim();
  });
  return values;
}

/** True when an existing member is the row's person: same phone and the same folded name. */
function sameMember(member: Member, row: ParsedRow): boolean {
  return (
    foldName(member.firstName) === foldName(row.firstName) &&
    foldName(member.lastName) === foldName(row.lastName)
  );
}
