import { registerErrors } from '@gym/errors';

/** Error codes of the Idempotency-Key handling, added to the shared catalog when the module loads. */
export const idempotencyErrors = {
  IDEMPOTENCY_KEY_REQUIRED: {
    status: 400,
    tr: 'Bu istek için Idempotency-Key başlığı zorunludur; her yeni işlem için benzersiz bir değer (ör. UUID) gönderin.',
    en: 'This request needs an Idempotency-Key header; send a unique value (such as a UUID) for each new operation.',
  },
  IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    tr: 'Idempotency-Key geçersiz: en fazla {{maxLength}} görünür ASCII karakter olmalıdır.',
    en: 'The Idempotency-Key is invalid: use at most {{maxLength}} visible ASCII characters.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    tr: 'Bu Idempotency-Key farklı bir istekle zaten kullanıldı; yeni işlem için yeni bir anahtar gönderin.',
    en: 'This Idempotency-Key was already used with a different request; send a new key for a new operation.',
  },
  IDEMPOTENCY_REQUEST_IN_PROGRESS: {
    status: 409,
    tr: 'Bu Idempotency-Key ile gönderilen ilk istek hâlâ işleniyor; birkaç saniye sonra aynı isteği tekrar gönderin.',
    en: 'The first request with this Idempotency-Key is still running; send the same request again in a few seconds.',
  },
};

registerErrors(idempotencyErrors);
