import { registerErrors } from '@gym/errors';

/** Error codes of membership, added to the shared catalog when the module loads. */
export const membershipErrors = {
  BRANCH_NOT_FOUND: {
    status: 400,
    tr: 'Şube bulunamadı: {{branchId}}. Şube yeni eklendiyse birkaç saniye sonra tekrar deneyin.',
    en: 'Branch not found: {{branchId}}. If it was just created, try again in a few seconds.',
  },
  BRANCH_IS_ARCHIVED: {
    status: 409,
    tr: 'Şube arşivlenmiş: {{branchId}}. Önce şubeyi geri yükleyin veya başka bir şube seçin.',
    en: 'The branch {{branchId}} is archived; restore it or choose another branch.',
  },
  BRANCH_ID_REQUIRED: {
    status: 400,
    tr: 'Şube paketleri için branchId zorunludur.',
    en: 'branchId is required for a plan with BRANCH scope.',
  },
  BRANCH_ID_NOT_ALLOWED: {
    status: 400,
    tr: 'Tüm şubelerde geçerli (TENANT) paketlere branchId verilemez.',
    en: 'branchId must not be set for a plan with TENANT scope.',
  },
  PLAN_NAME_TAKEN: {
    status: 409,
    tr: '"{{name}}" adında bir paket bu kapsamda zaten var; başka bir ad seçin.',
    en: 'A plan named "{{name}}" already exists in this scope; choose another name.',
  },
  UNKNOWN_PLAN: {
    status: 400,
    tr: 'Paket bulunamadı: {{planId}}.',
    en: 'Plan not found: {{planId}}.',
  },
  PLAN_ARCHIVED: {
    status: 409,
    tr: 'Paket arşivlenmiş: {{planId}}. Güncel bir paket seçin.',
    en: 'The plan {{planId}} is archived; choose a current plan.',
  },
  PLAN_NOT_IN_BRANCH: {
    status: 400,
    tr: 'Paket {{planId}} bu şubede geçerli değil; üyenin şubesine ait veya tüm şubelerde geçerli bir paket seçin.',
    en: "The plan {{planId}} is not offered at this branch; choose a plan of the member's branch or of every branch.",
  },
  MEMBER_PHONE_TAKEN: {
    status: 409,
    tr: 'Bu telefon numarasıyla ({{phone}}) kayıtlı bir üye zaten var.',
    en: 'A member with this phone number ({{phone}}) already exists.',
  },
  MEMBER_ARCHIVED: {
    status: 409,
    tr: 'Üye arşivlenmiş; bu işlem yapılamaz.',
    en: 'The member is archived; this action is not possible.',
  },
  FREEZE_ALREADY_OPEN: {
    status: 409,
    tr: 'Üyeliğin açık bir dondurması var ({{startDate}} – {{endDate}}); yenisini eklemeden önce onu sonlandırın.',
    en: 'The membership already has an open freeze ({{startDate}} – {{endDate}}); unfreeze it before adding another.',
  },
  FREEZE_OVERLAP: {
    status: 409,
    tr: 'Dondurma tarihleri önceki bir dondurmayla çakışıyor ({{startDate}} – {{endDate}}).',
    en: 'The freeze overlaps an earlier freeze ({{startDate}} – {{endDate}}).',
  },
  FREEZE_START_IN_PAST: {
    status: 400,
    tr: 'Dondurma geçmiş bir tarihte başlayamaz; bugün ({{today}}) veya sonrası olmalı.',
    en: 'A freeze cannot start in the past; it must start today ({{today}}) or later.',
  },
  FREEZE_PAST_END: {
    status: 400,
    tr: 'Dondurma üyelik bitiş tarihinden ({{membershipEndDate}}) sonra başlayamaz.',
    en: 'A freeze cannot start after the membership end date ({{membershipEndDate}}).',
  },
  FREEZE_DATES_INVALID: {
    status: 400,
    tr: 'Dondurmanın bitiş tarihi başlangıç tarihinden önce olamaz.',
    en: 'The freeze end date must not be before its start date.',
  },
  FREEZE_TOO_LONG: {
    status: 400,
    tr: 'Bir dondurma en fazla {{maxDays}} gün sürebilir.',
    en: 'A freeze may last at most {{maxDays}} days.',
  },
  NO_OPEN_FREEZE: {
    status: 409,
    tr: 'Üyeliğin açık bir dondurması yok.',
    en: 'The membership has no open freeze.',
  },
  PLAN_CHANGE_PENDING: {
    status: 409,
    tr: 'Üyenin {{startDate}} tarihine planlanmış bir paket değişikliği zaten var.',
    en: 'The member already has a plan change scheduled for {{startDate}}.',
  },
  MEMBER_FROZEN: {
    status: 409,
    tr: 'Üyelik şu anda dondurulmuş; paketi değiştirmeden önce dondurmayı sonlandırın.',
    en: 'The membership is frozen; unfreeze it before changing the plan.',
  },
  PHOTO_MISSING: {
    status: 400,
    tr: 'Fotoğraf dosyası eksik; "file" alanında bir JPEG, PNG veya WebP gönderin.',
    en: 'The photo file is missing; send a JPEG, PNG or WebP in the "file" field.',
  },
  PHOTO_TYPE_UNSUPPORTED: {
    status: 415,
    tr: 'Fotoğraf JPEG, PNG veya WebP olmalıdır; dosyanın içeriği bunlardan biri değil.',
    en: 'The photo must be a JPEG, PNG or WebP; the file content is none of these.',
  },
  PHOTO_TOO_LARGE: {
    status: 413,
    tr: 'Fotoğraf en fazla {{maxMegabytes}} MB olabilir.',
    en: 'The photo may be at most {{maxMegabytes}} MB.',
  },
  IMPORT_FILE_MISSING: {
    status: 400,
    tr: 'İçe aktarma dosyası eksik; "file" alanında bir CSV veya XLSX gönderin.',
    en: 'The import file is missing; send a CSV or XLSX in the "file" field.',
  },
  IMPORT_FILE_UNREADABLE: {
    status: 400,
    tr: 'Dosya okunamadı: {{reason}}',
    en: 'The file could not be read: {{reason}}',
  },
  IMPORT_COLUMNS_MISSING: {
    status: 400,
    tr: 'Dosyada zorunlu sütunlar eksik: {{columns}}. İlk satır sütun başlıklarını içermeli.',
    en: 'The file lacks required columns: {{columns}}. The first row must hold the column headers.',
  },
  IMPORT_TOO_MANY_ROWS: {
    status: 400,
    tr: 'Dosya en fazla {{maxRows}} satır içerebilir; dosyayı bölün.',
    en: 'The file may contain at most {{maxRows}} rows; split it.',
  },
  IMPORT_FILE_TOO_LARGE: {
    status: 413,
    tr: 'İçe aktarma dosyası en fazla {{maxMegabytes}} MB olabilir.',
    en: 'The import file may be at most {{maxMegabytes}} MB.',
  },
};

registerErrors(membershipErrors);
