import { registerErrors } from '@gym/errors';

/** Error codes of identity, added to the shared catalog when the module loads. */
export const identityErrors = {
  INVALID_CREDENTIALS: {
    status: 401,
    tr: 'E-posta veya şifre hatalı.',
    en: 'The email or password is incorrect.',
  },
  REFRESH_TOKEN_INVALID: {
    status: 401,
    tr: 'Yenileme belirteci geçersiz veya süresi dolmuş; lütfen tekrar giriş yapın.',
    en: 'The refresh token is invalid or expired; sign in again.',
  },
  REFRESH_TOKEN_REUSED: {
    status: 401,
    tr: 'Bu yenileme belirteci daha önce kullanıldı; güvenliğiniz için oturum kapatıldı. Lütfen tekrar giriş yapın.',
    en: 'This refresh token was already used; the session was revoked for your safety. Sign in again.',
  },
  CURRENT_PASSWORD_INVALID: {
    status: 400,
    tr: 'Mevcut şifre hatalı.',
    en: 'The current password is incorrect.',
  },
  CODE_INVALID: {
    status: 400,
    tr: 'Doğrulama kodu hatalı.',
    en: 'The verification code is incorrect.',
  },
  CODE_EXPIRED: {
    status: 400,
    tr: 'Doğrulama kodunun süresi doldu veya kod kullanıldı; yeni bir kod isteyin.',
    en: 'The verification code has expired or was already used; request a new one.',
  },
  CODE_LOCKED: {
    status: 400,
    tr: 'Çok fazla hatalı deneme yapıldığı için kod kilitlendi; yeni bir kod isteyin.',
    en: 'The code is locked after too many wrong tries; request a new one.',
  },
  EMAIL_TAKEN: {
    status: 409,
    tr: 'Bu e-posta adresiyle kayıtlı bir kullanıcı zaten var.',
    en: 'A user with this email address already exists.',
  },
  BRANCH_NAME_TAKEN: {
    status: 409,
    tr: '"{{name}}" adında bir şube zaten var; başka bir ad seçin.',
    en: 'A branch named "{{name}}" already exists; choose another name.',
  },
  DEFAULT_BRANCH_ARCHIVE: {
    status: 409,
    tr: 'Varsayılan şube arşivlenemez; önce başka bir şubeyi varsayılan yapın.',
    en: 'The default branch cannot be archived; make another branch the default first.',
  },
  BRANCH_ARCHIVED: {
    status: 409,
    tr: 'Arşivlenmiş bir şube varsayılan yapılamaz; önce geri yükleyin.',
    en: 'An archived branch cannot be the default; restore it first.',
  },
  UNKNOWN_BRANCH: {
    status: 400,
    tr: 'Şube bulunamadı: {{branchId}}.',
    en: 'Branch not found: {{branchId}}.',
  },
  LAST_ADMIN: {
    status: 409,
    tr: 'Son yönetici devre dışı bırakılamaz veya rolü değiştirilemez.',
    en: 'The last administrator cannot be disabled or lose the ADMIN role.',
  },
  USER_NOT_ACTIVE: {
    status: 409,
    tr: 'Bu kullanıcı devre dışı; işlem yapılamaz.',
    en: 'This user is disabled; the action is not possible.',
  },
};

registerErrors(identityErrors);
