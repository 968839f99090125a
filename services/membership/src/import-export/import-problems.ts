import type { Language } from '@gym/errors';
import type { RowProblem } from './import-row.js';

/** Messages of row problems; `{field}` and `{value}` are filled in. */
const messages: Record<string, Record<Language, string>> = {
  MISSING_FIELD: { tr: '{field} alanı boş.', en: '{field} is empty.' },
  TOO_LONG: { tr: '{field} alanı çok uzun.', en: '{field} is too long.' },
  INVALID_PHONE: {
    tr: 'Telefon numarası geçersiz: {value}.',
    en: 'The phone number is invalid: {value}.',
  },
  INVALID_DATE: {
    tr: '{field} tarihi geçersiz: {value}. YYYY-AA-GG veya GG.AA.YYYY yazın.',
    en: 'The date {field} is invalid: {value}. Write YYYY-MM-DD or DD.MM.YYYY.',
  },
  INVALID_EMAIL: {
    tr: 'E-posta adresi geçersiz: {value}.',
    en: 'The email address is invalid: {value}.',
  },
  INVALID_GENDER: {
    tr: 'Cinsiyet geçersiz: {value}. Kadın, Erkek veya Diğer yazın.',
    en: 'The gender is invalid: {value}. Write FEMALE, MALE or OTHER.',
  },
  UNKNOWN_BRANCH: { tr: 'Şube bulunamadı: {value}.', en: 'Branch not found: {value}.' },
  BRANCH_ARCHIVED: { tr: 'Şube arşivlenmiş: {value}.', en: 'The branch is archived: {value}.' },
  NO_DEFAULT_BRANCH: {
    tr: 'Şube boş ve varsayılan şube bilinmiyor; şubeyi yazın.',
    en: 'The branch is empty and no default branch is known; fill in the branch.',
  },
  UNKNOWN_PLAN: {
    tr: 'Paket bulunamadı veya bu şubede geçerli değil: {value}.',
    en: 'Plan not found or not offered at this branch: {value}.',
  },
  PHONE_TAKEN: {
    tr: 'Bu telefon numarası ({value}) başka bir üyede kayıtlı.',
    en: 'This phone number ({value}) belongs to another member.',
  },
  DUPLICATE_IN_FILE: {
    tr: 'Bu telefon numarası ({value}) dosyada daha önce geçiyor.',
    en: 'This phone number ({value}) appears earlier in the file.',
  },
  FAILED: {
    tr: 'Satır kaydedilemedi; tekrar deneyin.',
    en: 'The row could not be saved; try again.',
  },
};

export function problemMessage(problem: RowProblem, language: Language): string {
  const template = messages[problem.code]?.[language] ?? messages.FAILED![language];
  return template.replace('{field}', problem.field ?? '').replace('{value}', problem.value ?? '');
}
