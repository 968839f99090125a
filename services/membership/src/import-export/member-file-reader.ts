import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppException } from '@gym/errors';
import { loadExcel } from './excel.js';

export type MemberFileFormat = 'csv' | 'xlsx';

/** A file's header row and data rows as text, each data row with its line number in the file. */
export interface MemberSheet {
  headers: string[];
  rows: { rowNumber: number; cells: string[] }[];
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** XLSX files are ZIP archives; anything else is read as CSV. */
export function detectFormat(bytes: Buffer): MemberFileFormat {
  return bytes.subarray(0, 4).equals(ZIP_SIGNATURE) ? 'xlsx' : 'csv';
}

/**
 * Decodes CSV bytes: UTF-8 with or without BOM, and Windows-1254 (Turkish Excel's "CSV") when
 * the bytes are not valid UTF-8.
 */
export function decodeCsv(bytes: Buffer): string {
  if (bytes.subarray(0, 3).equals(UTF8_BOM)) {
    return bytes.subarray(3).toString('utf8');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'win1254');
  }
}

/** Picks `;` or `,`, whichever the header line has more of (Turkish Excel writes `;`). */
function delimiterOf(text: string): string {
  const headerLine = text.split(/\r?\n/, 1)[0] ?? '';
  const semicolons = headerLine.split(';').length;
  const commas = headerLine.split(',').length;
  return semicolons > commas ? ';' : ',';
}

export function readCsv(bytes: Buffer): MemberSheet {
  const text = decodeCsv(bytes);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    }) as string[][];
  } catch (error) {
    throw new AppException('IMPORT_FILE_UNREADABLE', { reason: (error as Error).message });
  }
  return toSheet(records.map((cells, index) => ({ rowNumber: index + 1, cells })));
}

export async function readXlsx(bytes: Buffer): Promise<MemberSheet> {
  const { Workbook } = await loadExcel();
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new AppException('IMPORT_FILE_UNREADABLE', { reason: (error as Error).message });
  }
  const sheet = workbook.worksheets[0];
  const rows: { rowNumber: number; cells: string[] }[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    rows.push({ rowNumber, cells: Array.from(cells, (cell) => cell ?? '') });
  });
  return toSheet(rows);
}

/** Text of a cell: dates as YYYY-MM-DD, numbers without exponent, rich text joined. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((part) => part.text)
        .join('')
        .trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  }
  return String(value).trim();
}

function toSheet(rows: { rowNumber: number; cells: string[] }[]): MemberSheet {
  const [header, ...data] = rows;
  if (!header) {
    throw new AppException('IMPORT_FILE_UNREADABLE', { reason: 'the file has no header row' });
  }
  return {
    headers: header.cells,
    rows: data.filter((row) => row.cells.some((cell) => cell !== '')),
  };
}
