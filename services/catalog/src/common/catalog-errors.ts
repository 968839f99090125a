import { registerErrors } from '@gym/errors';

/** Error codes of catalog, added to the shared catalog when the module loads. */
export const catalogErrors = {
  INVALID_PRICE: {
    status: 400,
    tr: 'Fiyat geçersiz: "{{price}}". Fiyat 0\'dan büyük, en fazla 2 ondalık basamaklı ve en fazla {{max}} olan bir metin olmalıdır (ör. "19.99").',
    en: 'Invalid price "{{price}}": send a decimal string greater than 0 with at most 2 decimals and at most {{max}} (for example "19.99").',
  },
  PRODUCT_NAME_TAKEN: {
    status: 409,
    tr: '"{{name}}" adında bir ürün zaten var; başka bir ad seçin.',
    en: 'A product named "{{name}}" already exists; choose another name.',
  },
  PRODUCT_SKU_TAKEN: {
    status: 409,
    tr: '"{{sku}}" stok kodu başka bir ürüne ait; başka bir stok kodu seçin.',
    en: 'The SKU "{{sku}}" belongs to another product; choose another SKU.',
  },
  PRODUCT_ARCHIVED: {
    status: 409,
    tr: '"{{productName}}" ürünü arşivlenmiş; satılamaz veya değiştirilemez.',
    en: 'The product "{{productName}}" is archived; it cannot be sold or changed.',
  },
  PRODUCT_NOT_FOUND: {
    status: 400,
    tr: 'Ürün bulunamadı: {{productId}}.',
    en: 'Product not found: {{productId}}.',
  },
  PRODUCT_NOT_IN_BRANCH: {
    status: 409,
    tr: '"{{productName}}" ürünü bu şubede ({{branchId}}) satılmıyor.',
    en: 'The product "{{productName}}" is not sold at the branch {{branchId}}.',
  },
  INSUFFICIENT_STOCK: {
    status: 409,
    tr: '"{{productName}}" ürününün stoğu yetersiz: {{requested}} adet istendi.',
    en: 'Not enough stock of "{{productName}}": {{requested}} requested.',
  },
  BRANCH_NOT_FOUND: {
    status: 400,
    tr: 'Şube bulunamadı: {{branchId}}. Şube yeni eklendiyse birkaç saniye sonra tekrar deneyin.',
    en: 'Branch not found: {{branchId}}. If the branch was just added, try again in a few seconds.',
  },
  BRANCH_IS_ARCHIVED: {
    status: 409,
    tr: 'Şube arşivlenmiş: {{branchId}}.',
    en: 'The branch {{branchId}} is archived.',
  },
  MEMBER_NOT_FOUND: {
    status: 400,
    tr: 'Üye bulunamadı: {{memberId}}. Üye yeni eklendiyse birkaç saniye sonra tekrar deneyin.',
    en: 'Member not found: {{memberId}}. If the member was just added, try again in a few seconds.',
  },
  SOLD_ON_IN_FUTURE: {
    status: 400,
    tr: 'Satış tarihi ({{soldOn}}) bugünden ({{today}}) sonra olamaz.',
    en: 'The sale date {{soldOn}} cannot be after today ({{today}}).',
  },
  INVALID_DATE_RANGE: {
    status: 400,
    tr: 'Tarih aralığı geçersiz: from ({{from}}) to ({{to}}) tarihinden sonra olamaz.',
    en: 'Invalid date range: from ({{from}}) cannot be after to ({{to}}).',
  },
  SALE_NOT_FOUND: {
    status: 404,
    tr: 'Satış bulunamadı veya silinmiş.',
    en: 'The sale was not found or has been deleted.',
  },
  /** Same code and meaning as billing's, for a sale dated in a month billing has locked. */
  MONTH_LOCKED: {
    status: 409,
    tr: '{{month}} ayı gelir kayıtlarına kilitlenmiş; bu aya kayıt eklenemez veya değiştirilemez. Bir yönetici kilidi kaldırabilir.',
    en: 'The month {{month}} is locked for revenue; records in it cannot be added or changed. An administrator can unlock it.',
  },
  MONTH_LOCK_CHECK_UNAVAILABLE: {
    status: 503,
    tr: 'Ay kilidi şu anda doğrulanamıyor; satış kaydedilmedi. {{retryAfterSeconds}} saniye sonra tekrar deneyin.',
    en: 'The month lock cannot be checked right now, so the sale was not written. Try again in {{retryAfterSeconds}} seconds.',
  },
};

registerErrors(catalogErrors);
