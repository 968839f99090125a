import type { ImportLookups } from './import-lookups.js';
import { isRowProblem, parseRow, type ParsedRow, type RowProblem } from './import-row.js';
import type { MemberColumn } from './member-columns.js';

/** A row that passed every check made without the database, with its branch and plan resolved. */
export interface ImportCandidate {
  /** Row number in the file; the header is row 1. */
  rowNumber: number;
  row: ParsedRow;
  branchId: string;
  planId: string;
}

/** The result of importing one row: a created member, a skipped existing member, or a problem. */
export type RowOutcome = 'created' | 'skipped' | RowProblem;

export function isCandidate(result: ImportCandidate | RowProblem): result is ImportCandidate {
  return 'rowNumber' in result;
}

/**
 * Validates a row's cells, resolves its branch and plan, and claims its phone for the file. A
 * phone already claimed by an earlier row is a DUPLICATE_IN_FILE problem, so rows must be checked
 * in file order.
 */
export function checkRow(
  rowNumber: number,
  cells: string[],
  columns: (MemberColumn | undefined)[],
  lookups: ImportLookups,
  phonesInFile: Set<string>,
): ImportCandidate | RowProblem {
  const row = parseRow(valuesOf(cells, columns));
  if (isRowProblem(row)) return row;

  const branch = lookups.branch(row.branch);
  if ('code' in branch) return branch;
  const plan = lookups.plan(row.plan, branch.branchId);
  if ('code' in plan) return plan;

  if (phonesInFile.has(row.phone))
    return { code: 'DUPLICATE_IN_FILE', field: 'phone', value: row.phone };
  phonesInFile.add(row.phone);

  return { rowNumber, row, branchId: branch.branchId, planId: plan.id };
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
