import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import { DataSource, In } from 'typeorm';
import type { Language } from '@gym/errors';
import type { MemberFilterQuery } from '../members/member.dto.js';
import { Member } from '../members/member.entity.js';
import { MemberReader } from '../members/member-reader.js';
import type { MemberView } from '../members/member.view.js';
import { BranchReplica } from '../replicas/branch-replica.entity.js';
import { TenantCalendar } from '../replicas/tenant-calendar.js';
import { headersFor } from './member-columns.js';
import { loadExcel } from './excel.js';

/** Members read and written per batch while streaming. */
const BATCH_SIZE = 500;

export type ExportFormat = 'csv' | 'xlsx';

const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Streams the members matching the list filters as CSV or XLSX, batch by batch, so memory stays
 * flat however many members match. Headers are Turkish unless the request prefers English.
 */
@Injectable()
export class ExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MemberReader) private readonly reader: MemberReader,
    @Inject(TenantCalendar) private readonly calendar: TenantCalendar,
  ) {}

  async stream(
    tenantId: string,
    filters: MemberFilterQuery,
    format: ExportFormat,
    language: Language,
    response: Response,
  ): Promise<void> {
    const today = await this.calendar.today(tenantId);
    // The first batch is read before any byte is sent, so a rejected filter still gets its
    // error response instead of a started download that never ends.
    const rows = this.rows(tenantId, filters, today);
    const first = await rows.next();

    response.status(200);
    response.setHeader('Content-Type', contentTypes[format]);
    response.setHeader('Content-Disposition', `attachment; filename="members-${today}.${format}"`);

    const all = startingWith(first, rows);
    if (format === 'csv') {
      await this.writeCsv(all, language, response);
    } else {
      await this.writeXlsx(all, language, response);
    }
  }

  /** Yields export rows in the list order. NOTE: batches use OFFSET, which slows on deep pages. */
  private async *rows(tenantId: string, filters: MemberFilterQuery, today: string) {
    const branchNames = new Map(
      (await this.dataSource.getRepository(BranchReplica).findBy({ tenantId })).map((branch) => [
        branch.branchId,
        branch.name,
      ]),
    );
    for (let offset = 0; ; offset += BATCH_SIZE) {
      const ids = await this.reader
        .filtered(tenantId, filters, today)
        .select('member.id')
        .offset(offset)
        .limit(BATCH_SIZE)
        .getMany();
      if (ids.length === 0) return;

      const members = await this.dataSource
        .getRepository(Member)
        .findBy({ id: In(ids.map((row) => row.id)) });
      const byId = new Map(members.map((member) => [member.id, member]));
      const ordered = ids.map((row) => byId.get(row.id)!).filter(Boolean);
      for (const view of await this.reader.toViews(ordered, today)) {
        yield exportRow(view, branchNames.get(view.branchId) ?? '');
      }
      if (ids.length < BATCH_SIZE) return;
    }
  }

  private async writeCsv(rows: AsyncGenerator<string[]>, language: Language, response: Response) {
    // A BOM makes Excel read the file as UTF-8; Excel in Turkey expects `;` between fields.
    response.write('\uFEFF');
    const csv = stringify({ delimiter: language === 'tr' ? ';' : ',' });
    csv.pipe(response);
    csv.write(headersFor(language));
    for await (const row of rows) {
      if (response.destroyed) return;
      if (!csv.write(neutraliseFormulas(row))) {
        await Promise.race([once(csv, 'drain'), once(response, 'close')]);
      }
    }
    csv.end();
    // A client that leaves early closes the response without `finish`; the export just ends.
    await finished(response).catch(() => undefined);
  }

  private async writeXlsx(rows: AsyncGenerator<string[]>, language: Language, response: Response) {
    const ExcelJS = await loadExcel();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: response,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet(language === 'tr' ? 'Üyeler' : 'Members');
    sheet.addRow(headersFor(language)).commit();
    for await (const row of rows) {
      sheet.addRow(row).commit();
    }
    sheet.commit();
    await workbook.commit();
  }
}

/** Yields `first`'s value, when there is one, and then the rest of `rest`. */
async function* startingWith<T>(first: IteratorResult<T>, rest: AsyncGenerator<T>) {
  if (first.done) return;
  yield first.value;
  yield* rest;
}

/** Columns of `exportRow` that hold free text typed by people: names, email, branch, plan, notes. */
const freeTextColumns = new Set([0, 1, 3, 6, 7, 9]);

/**
 * Prefixes free-text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
 * carriage return) with an apostrophe, so opening an export cannot execute member-supplied
 * formulas. Phones, dates and status are left exact. XLSX cells are typed as text already.
 */
export function neutraliseFormulas(row: string[]): string[] {
  return row.map((cell, index) =>
    freeTextColumns.has(index) && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell,
  );
}

function exportRow(member: MemberView, branchName: string): string[] {
  return [
    member.firstName,
    member.lastName,
    member.phone,
    member.email ?? '',
    member.birthDate ?? '',
    member.gender ?? '',
    branchName,
    member.plan.name,
    member.membershipStartDate,
    member.notes ?? '',
    member.membershipEndDate,
    member.status,
  ];
}
