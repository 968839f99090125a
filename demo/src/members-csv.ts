import type { MemberRecord } from './member-records.js';

/** The Turkish headers membership's import reads, in the order a Turkish gym's sheet has them. */
export const memberFileHeaders = [
  'Ad',
  'Soyad',
  'Telefon',
  'E-posta',
  'Doğum Tarihi',
  'Cinsiyet',
  'Şube',
  'Paket',
  'Başlangıç Tarihi',
  'Notlar',
] as const;

const UTF8_BOM = '\ufeff';

/**
 * Writes the members as Excel's "CSV UTF-8" does on a Turkish system: a byte order mark,
 * `;` between cells, CRLF line ends, dates as DD.MM.YYYY, quotes only where a cell needs them.
 */
export function toMembersCsv(members: readonly MemberRecord[]): string {
  const rows = members.map((member) => [
    member.firstName,
    member.lastName,
    member.phoneAsTyped,
    member.email ?? '',
    member.birthDate ? turkishDate(member.birthDate) : '',
    member.genderAsTyped,
    member.branchAsTyped,
    member.planAsTyped,
    turkishDate(member.startDate),
    member.notes,
  ]);
  const lines = [memberFileHeaders, ...rows].map((cells) => cells.map(csvCell).join(';'));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

/** `2026-11-03` → `03.11.2026`. */
export function turkishDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}.${month}.${year}`;
}

function csvCell(text: string): string {
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
