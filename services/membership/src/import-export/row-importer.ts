import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppException } from '@gym/errors';
import { isUniqueViolation } from '@gym/database';
import { PINO_LOGGER } from '../common/tokens.js';
import { MEMBER_PHONE_INDEX } from '../members/member-lookup.js';
import { MembersService } from '../members/members.service.js';
import { findMembersByPhone, outcomeForExisting } from './existing-members.js';
import type { ImportCandidate, RowOutcome } from './import-candidate.js';
import type { ImportJob } from './import-job.entity.js';
import type { ParsedRow, RowProblem } from './import-row.js';

/**
 * Imports one checked row in its own transaction. A batch whose transaction failed is imported
 * again this way, so that a phone taken by a concurrent creation, or a fault, costs only its own
 * row.
 */
@Injectable()
export class RowImporter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MembersService) private readonly members: MembersService,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  async import(job: ImportJob, candidate: ImportCandidate): Promise<RowOutcome> {
    const { row } = candidate;
    const existing = await findMembersByPhone(this.dataSource.manager, job.tenantId, [row.phone]);
    const member = existing.get(row.phone);
    if (member) return outcomeForExisting(member, row);

    try {
      await this.dataSource.transaction((manager) =>
        this.members.insert(manager, job.tenantId, {
          ...row,
          branchId: candidate.branchId,
          planId: candidate.planId,
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
}
