import { isEmail } from 'class-validator';
import { isCalendarDate } from '../common/business-date.js';
import { foldForSearch } from '../common/turkish-fold.js';
import type { Gender } from '../members/member.entity.js';
import { normalizePhone } from '../members/phone-number.js';
import type { MemberColumn } from './member-columns.js';

/** Reason a row was not imported: a code, the column (`field`) and the offending text (`value`). */
export interface RowProblem {
  code: string;
  field?: MemberColumn;
  value?: string;
}

/** A row whose fields are well formed; branch and plan are still names. */
export interface ParsedRow {
  firstName: string;
  lastName: string;
  phone: string;
  email: string | null;
  birthDate: string | null;
  gender: Gender | null;
  branch: string;
  plan: string;
  membershipStartDate: string;
  notes: string | null;
}

const maxLengths: Partial<Record<MemberColumn, number>> = {
  firstName: 80,
  lastName: 80,
  email: 254,
  branch: 120,
  plan: 120,
  notes: 1000,
};

const genderByFoldedText: Record<string, Gender> = {
  female: 'FEMALE',
  kadin: 'FEMALE',
  k: 'FEMALE',
  male: 'MALE',
  erkek: 'MALE',
  e: 'MALE',
  other: 'OTHER',
  diger: 'OTHER',
};

/** Reads `YYYY-MM-DD` or `DD.MM.YYYY` (day and month may have one digit) as `YYYY-MM-DD`. */
export function parseFileDate(text: string): string | undefined {
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const iso = dotted
    ? `${dotted[3]}-${dotted[2]!.padStart(2, '0')}-${dotted[1]!.padStart(2, '0')}`
    : text;
  return isCalendarDate(iso) ? iso : undefined;
}

/** Validates one row's cells and returns the parsed row or the first problem found. */
export function parseRow(values: Partial<Record<MemberColumn, string>>): ParsedRow | RowProblem {
  for (const field of ['firstName', 'lastName', 'phone', 'plan', 'membershipStartDate'] as const) {
    if (!values[field]) return { code: 'MISSING_FIELD', field };
  }
  for (const [field, maxLength] of Object.entries(maxLengths) as [MemberColumn, number][]) {
    if ((values[field]?.length ?? 0) > maxLength) return { code: 'TOO_LONG', field };
  }

  const phone = normalizePhone(values.phone!);
  if (!phone) return { code: 'INVALID_PHONE', field: 'phone', value: values.phone };
  const membershipStartDate = parseFileDate(values.membershipStartDate!);
  if (!membershipStartDate) {
    return {
      code: 'INVALID_DATE',
      field: 'membershipStartDate',
      value: values.membershipStartDate,
    };
  }
  const birthDate = values.birthDate ? parseFileDate(values.birthDate) : null;
  if (birthDate === undefined)
    return { code: 'INVALID_DATE', field: 'birthDate', value: values.birthDate };
  if (values.email && !isEmail(values.email)) {
    return { code: 'INVALID_EMAIL', field: 'email', value: values.email };
  }
  const gender = values.gender ? genderByFoldedText[foldForSearch(values.gender)] : null;
  if (gender === undefined)
    return { code: 'INVALID_GENDER', field: 'gender', value: values.gender };

  return {
    firstName: values.firstName!,
    lastName: values.lastName!,
    phone,
    email: values.email || null,
    birthDate,
    gender,
    branch: values.branch ?? '',
    plan: values.plan!,
    membershipStartDate,
    notes: values.notes || null,
  };
}

export function isRowProblem(row: ParsedRow | RowProblem): row is RowProblem {
  return 'code' in row;
}
