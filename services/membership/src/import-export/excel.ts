import type ExcelJS from 'exceljs';

/**
 * Loads exceljs on first use. It adds about 35 MB of resident memory, which a membership process
 * that never reads or writes a workbook does not need to carry.
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
