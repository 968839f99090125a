/**
 * Field-level messages for class-validator constraint names, with `{{field}}` and the
 * constraint's own arguments as placeholders. Constraints not listed fall back to `default`.
 */
export const validationMessages: Record<string, { tr: string; en: string }> = {
  whitelistValidation: {
    tr: '{{field}} alanı tanınmıyor; bu alanı göndermeyin.',
    en: '{{field}} is not a known field; remove it.',
  },
  isDefined: { tr: '{{field}} alanı zorunludur.', en: '{{field}} is required.' },
  isNotEmpty: { tr: '{{field}} alanı boş olamaz.', en: '{{field}} must not be empty.' },
  isString: { tr: '{{field}} alanı metin olmalıdır.', en: '{{field}} must be a string.' },
  isBoolean: {
    tr: '{{field}} alanı true veya false olmalıdır.',
    en: '{{field}} must be true or false.',
  },
  isInt: { tr: '{{field}} alanı tam sayı olmalıdır.', en: '{{field}} must be an integer.' },
  isArray: { tr: '{{field}} alanı bir liste olmalıdır.', en: '{{field}} must be a list.' },
  isEmail: {
    tr: '{{field}} alanı geçerli bir e-posta adresi olmalıdır.',
    en: '{{field}} must be a valid email address.',
  },
  isUuid: {
    tr: '{{field}} alanı geçerli bir kimlik (UUID) olmalıdır.',
    en: '{{field}} must be a UUID.',
  },
  isTimeZone: {
    tr: '{{field}} alanı geçerli bir IANA saat dilimi olmalıdır (ör. Europe/Istanbul).',
    en: '{{field}} must be a valid IANA time zone (e.g. Europe/Istanbul).',
  },
  isIn: {
    tr: '{{field}} alanı şu değerlerden biri olmalıdır: {{constraint1}}.',
    en: '{{field}} must be one of: {{constraint1}}.',
  },
  isEnum: {
    tr: '{{field}} alanı şu değerlerden biri olmalıdır: {{constraint2}}.',
    en: '{{field}} must be one of: {{constraint2}}.',
  },
  maxLength: {
    tr: '{{field}} alanı en fazla {{constraint1}} karakter olabilir.',
    en: '{{field}} must be at most {{constraint1}} characters long.',
  },
  minLength: {
    tr: '{{field}} alanı en az {{constraint1}} karakter olmalıdır.',
    en: '{{field}} must be at least {{constraint1}} characters long.',
  },
  matches: { tr: '{{field}} alanının biçimi geçersiz.', en: '{{field}} has an invalid format.' },
  isLength: {
    tr: '{{field}} alanının uzunluğu {{constraint1}} ile {{constraint2}} karakter arasında olmalıdır.',
    en: '{{field}} must be between {{constraint1}} and {{constraint2}} characters long.',
  },
  min: {
    tr: '{{field}} alanı en az {{constraint1}} olmalıdır.',
    en: '{{field}} must be at least {{constraint1}}.',
  },
  max: {
    tr: '{{field}} alanı en fazla {{constraint1}} olabilir.',
    en: '{{field}} must be at most {{constraint1}}.',
  },
  arrayMaxSize: {
    tr: '{{field}} alanı en fazla {{constraint1}} öğe içerebilir.',
    en: '{{field}} may contain at most {{constraint1}} items.',
  },
  arrayUnique: {
    tr: '{{field}} alanı tekrarlanan öğe içeremez.',
    en: '{{field}} must not contain duplicates.',
  },
  isPhoneNumber: {
    tr: '{{field}} alanı geçerli bir telefon numarası olmalıdır.',
    en: '{{field}} must be a valid phone number.',
  },
  isStrongPassword: {
    tr: 'Şifre 10-128 karakter olmalı; küçük harf, büyük harf, rakam ve sembol içermeli, yaygın bir şifre olmamalıdır.',
    en: 'The password must be 10–128 characters with a lowercase letter, an uppercase letter, a digit and a symbol, and must not be a common password.',
  },
  isSixDigitCode: {
    tr: '{{field}} alanı 6 haneli bir kod olmalıdır.',
    en: '{{field}} must be a 6-digit code.',
  },
  isWellFormedText: {
    tr: '{{field}} alanı izin verilmeyen bir karakter içeriyor (NUL veya eşi olmayan UTF-16 vekil karakteri).',
    en: '{{field}} contains a character that is not allowed (NUL or an unpaired UTF-16 surrogate).',
  },
  maxDepth: {
    tr: '{{field}} alanı en fazla {{constraint1}} düzey iç içe olabilir.',
    en: '{{field}} must not be nested more than {{constraint1}} levels deep.',
  },
  isDateOnly: {
    tr: '{{field}} alanı YYYY-AA-GG biçiminde geçerli bir tarih olmalıdır.',
    en: '{{field}} must be a valid date in YYYY-MM-DD format.',
  },
  isMonth: {
    tr: '{{field}} alanı YYYY-AA biçiminde geçerli bir ay olmalıdır.',
    en: '{{field}} must be a valid month in YYYY-MM format.',
  },
  default: { tr: '{{field}} alanı geçersiz.', en: '{{field}} is invalid.' },
};
