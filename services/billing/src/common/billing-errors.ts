import { registerErrors } from '@gym/errors';

/** Error codes of billing, added to the shared catalog when the module loads. */
export const billingErrors = {
  INVALID_AMOUNT: {
    status: 400,
    tr: 'Tutar geçersiz: "{{amount}}". Tutar 0\'dan büyük, en fazla 2 ondalık basamaklı ve en fazla {{max}} olan bir metin olmalıdır (ör. "450.00").',
    en: 'Invalid amount "{{amount}}": send a decimal string greater than 0 with at most 2 decimals and at most {{max}} (for example "450.00").',
  },
  MEMBER_NOT_FOUND: {
    status: 400,
    tr: 'Üye bulunamadı: {{memberId}}. Üye yeni eklendiyse birkaç saniye sonra tekrar deneyin.',
    en: 'Member not found: {{memberId}}. If the member was just added, try again in a few seconds.',
  },
  PAID_ON_IN_FUTURE: {
    status: 400,
    tr: 'Ödeme tarihi ({{paidOn}}) bugünden ({{today}}) sonra olamaz.',
    en: 'The payment date {{paidOn}} cannot be after today ({{today}}).',
  },
  INVALID_DATE_RANGE: {
    status: 400,
    tr: 'Tarih aralığı geçersiz: from ({{from}}) to ({{to}}) tarihinden sonra olamaz.',
    en: 'Invalid date range: from ({{from}}) cannot be after to ({{to}}).',
  },
  MONTH_LOCKED: {
    status: 409,
    tr: '{{month}} ayı gelir kayıtlarına kilitlenmiş; bu aya kayıt eklenemez veya değiştirilemez. Bir yönetici kilidi kaldırabilir.',
    en: 'The month {{month}} is locked for revenue; records in it cannot be added or changed. An administrator can unlock it.',
  },
  MONTH_ALREADY_LOCKED: {
    status: 409,
    tr: '{{month}} ayı zaten kilitli.',
    en: 'The month {{month}} is already locked.',
  },
  MONTH_NOT_LOCKED: {
    status: 404,
    tr: '{{month}} ayı kilitli değil.',
    en: 'The month {{month}} is not locked.',
  },
  MONTH_IN_FUTURE: {
    status: 400,
    tr: '{{month}} ayı henüz başlamadı; yalnızca geçmiş veya içinde bulunulan ay kilitlenebilir.',
    en: 'The month {{month}} has not started yet; only past months and the current month can be locked.',
  },
  PAYMENT_ALREADY_CORRECTED: {
    status: 409,
    tr: 'Bu ödeme zaten düzeltilmiş; düzeltme yapmak için yerine geçen ödemeyi ({{correctedByPaymentId}}) düzeltin.',
    en: 'This payment has already been corrected; correct its replacement ({{correctedByPaymentId}}) instead.',
  },
  SUBSCRIPTION_NOT_FOUND: {
    status: 404,
    tr: 'Abonelik bilgisi henüz oluşmadı; birkaç saniye sonra tekrar deneyin.',
    en: 'The subscription has not been set up yet; try again in a few seconds.',
  },
};

registerErrors(billingErrors);
