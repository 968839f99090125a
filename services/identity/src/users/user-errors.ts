import { registerErrors } from '@gym/errors';

/** Error codes of user management, added to the shared catalog when the module loads. */
export const userErrors = {
  USER_NOT_INVITED: {
    status: 409,
    tr: 'Bu kullanıcı daveti zaten kabul etti veya devre dışı; yeni davet kodu gönderilemez.',
    en: 'This user has already accepted the invitation or is disabled; no new invitation code can be sent.',
  },
};

registerErrors(userErrors);
