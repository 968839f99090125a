/** One entry of the error catalog: the HTTP status and the message in each supported language. */
export interface ErrorDefinition {
  status: number;
  tr: string;
  en: string;
}

/**
 * Errors every service can raise. Messages may use `{{name}}` placeholders filled from the
 * exception's params. Services add their own codes with `registerErrors`.
 */
export const commonErrors = {
  VALIDATION_FAILED: {
    status: 400,
    tr: 'İstek geçersiz. Listelenen alanları düzeltip tekrar deneyin.',
    en: 'The request is invalid. Fix the listed fields and try again.',
  },
  MALFORMED_JSON: {
    status: 400,
    tr: 'İstek gövdesi geçerli bir JSON değil.',
    en: 'The request body is not valid JSON.',
  },
  FORBIDDEN_KEY: {
    status: 400,
    tr: 'İstek gövdesi izin verilmeyen bir anahtar içeriyor (__proto__, constructor veya prototype).',
    en: 'The request body contains a forbidden key (__proto__, constructor or prototype).',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    tr: 'Bu içerik türü desteklenmiyor; application/json gönderin.',
    en: 'This content type is not supported; send application/json.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    tr: 'İstek gövdesi izin verilen boyutu aşıyor.',
    en: 'The request body exceeds the allowed size.',
  },
  HEADERS_TOO_LARGE: {
    status: 431,
    tr: 'İstek satırı veya başlıkları izin verilen boyutu aşıyor; adresi ve başlıkları kısaltın.',
    en: 'The request line or headers exceed the allowed size; shorten the URL and headers.',
  },
  MALFORMED_REQUEST: {
    status: 400,
    tr: 'İstek geçerli bir HTTP isteği değil.',
    en: 'The request is not a valid HTTP request.',
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    tr: 'İstenen adres bulunamadı.',
    en: 'The requested route does not exist.',
  },
  NOT_FOUND: {
    status: 404,
    tr: 'Kayıt bulunamadı.',
    en: 'The record was not found.',
  },
  UNAUTHENTICATED: {
    status: 401,
    tr: 'Oturum açmanız gerekiyor: erişim belirteci eksik, geçersiz veya süresi dolmuş.',
    en: 'Authentication required: the access token is missing, invalid or expired.',
  },
  FORBIDDEN_ROLE: {
    status: 403,
    tr: 'Bu işlem için yetkiniz yok; yalnızca yöneticiler yapabilir.',
    en: 'You are not allowed to do this; only administrators can.',
  },
  RATE_LIMITED: {
    status: 429,
    tr: 'Çok fazla istek gönderildi. {{retryAfterSeconds}} saniye sonra tekrar deneyin.',
    en: 'Too many requests. Try again in {{retryAfterSeconds}} seconds.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    tr: 'Hizmet şu anda yanıt veremiyor. Biraz sonra tekrar deneyin.',
    en: 'The service cannot answer right now. Try again shortly.',
  },
  INTERNAL_ERROR: {
    status: 500,
    tr: 'Beklenmeyen bir hata oluştu. Sorun sürerse bu istek kimliğiyle destek ekibine başvurun.',
    en: 'An unexpected error occurred. If it persists, contact support with this request id.',
  },
} satisfies Record<string, ErrorDefinition>;

const catalog = new Map<string, ErrorDefinition>(Object.entries(commonErrors));

/** Adds a service's own error codes to the catalog; a code may be defined only once. */
export function registerErrors(definitions: Record<string, ErrorDefinition>): void {
  for (const [code, definition] of Object.entries(definitions)) {
    const existing = catalog.get(code);
    if (existing && existing !== definition) {
      throw new Error(`Error code ${code} is already registered with another definition`);
    }
    catalog.set(code, definition);
  }
}

export function findError(code: string): ErrorDefinition | undefined {
  return catalog.get(code);
}
