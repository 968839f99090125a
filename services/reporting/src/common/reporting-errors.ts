import { registerErrors } from '@gym/errors';

/** Error codes of reporting, added to the shared catalog when the module loads. */
export const reportingErrors = {
  INVALID_DATE_RANGE: {
    status: 400,
    tr: 'Tarih aralığı geçersiz: from ({{from}}) to ({{to}}) tarihinden sonra olamaz.',
    en: 'Invalid date range: from ({{from}}) cannot be after to ({{to}}).',
  },
  DATE_RANGE_TOO_LONG: {
    status: 400,
    tr: 'Tarih aralığı en fazla {{maxDays}} gün olabilir; {{from}} ile {{to}} arası daha uzun. Aralığı kısaltın.',
    en: 'A date range may span at most {{maxDays}} days; {{from}} to {{to}} is longer. Shorten the range.',
  },
};

registerErrors(reportingErrors);
