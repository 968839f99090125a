import type { Language } from '@gym/errors';
import { foldForSearch } from '../common/turkish-fold.js';

/** Columns of member files, in export order. */
export const memberColumns = [
  'firstName',
  'lastName',
  'phone',
  'email',
  'birthDate',
  'gender',
  'branch',
  'plan',
  'membershipStartDate',
  'notes',
] as const;
export type MemberColumn = (typeof memberColumns)[number];

/** Columns the export adds after the importable ones; the import ignores them. */
export const exportOnlyColumns = ['membershipEndDate', 'status'] as const;
export type ExportColumn = MemberColumn | (typeof exportOnlyColumns)[number];

export const turkishHeaders: Record<ExportColumn, string> = {
  firstName: 'Ad',
  lastName: 'Soyad',
  phone: 'Telefon',
  email: 'E-posta',
  birthDate: 'Doğum Tarihi',
  gender: 'Cinsiyet',
  branch: 'Şube',
  plan: 'Paket',
  membershipStartDate: 'Başlangıç Tarihi',
  notes: 'Notlar',
  membershipEndDate: 'Bitiş Tarihi',
  status: 'Durum',
};

export function headersFor(language: Language): string[] {
  const columns: ExportColumn[] = [...memberColumns, ...exportOnlyColumns];
  return columns.map((column) => (language === 'tr' ? turkishHeaders[column] : column));
}

/** Folds a header so `E-posta`, `e posta` and `EPOSTA` compare equal, as do `Şube` and `sube`. */
function headerKey(header: string): string {
  return foldForSearch(header).replace(/[^a-z0-9]/g, '');
}

const columnByHeader = new Map<string, MemberColumn>(
  memberColumns.flatMap((column) => [
    [headerKey(column), column],
    [headerKey(turkishHeaders[column]), column],
  ]),
);

/** Maps each header to its column, or undefined for a column the import ignores. */
export function columnsOf(headers: string[]): (MemberColumn | undefined)[] {
  return headers.map((header) => columnByHeader.get(headerKey(header)));
}
