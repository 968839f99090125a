import type { Language } from '@gym/errors';

export type CodeMailKind = 'SIGNUP' | 'PASSWORD_RESET' | 'INVITATION';

export interface CodeMailInput {
  kind: CodeMailKind;
  code: string;
  language: Language;
  gymName?: string;
  validMinutes: number;
}

const subjects: Record<CodeMailKind, Record<Language, string>> = {
  SIGNUP: { tr: 'Kayıt doğrulama kodunuz', en: 'Your sign-up verification code' },
  PASSWORD_RESET: { tr: 'Şifre sıfırlama kodunuz', en: 'Your password reset code' },
  INVITATION: {
    tr: 'Spor salonu yönetim paneline davet',
    en: 'Invitation to the gym management panel',
  },
};

function intro(input: CodeMailInput): string {
  const gym = input.gymName ?? '';
  const lines: Record<CodeMailKind, Record<Language, string>> = {
    SIGNUP: {
      tr: 'Hesabınızı oluşturmak için aşağıdaki kodu girin.',
      en: 'Enter the code below to create your account.',
    },
    PASSWORD_RESET: {
      tr: 'Şifrenizi sıfırlamak için aşağıdaki kodu girin.',
      en: 'Enter the code below to reset your password.',
    },
    INVITATION: {
      tr: `${gym} sizi yönetim paneline davet etti. Daveti kabul etmek için aşağıdaki kodu girin.`,
      en: `${gym} invited you to its management panel. Enter the code below to accept.`,
    },
  };
  return lines[input.kind][input.language];
}

function validityNote(input: CodeMailInput): string {
  const minutes = input.validMinutes;
  if (input.kind === 'INVITATION') {
    return input.language === 'en'
      ? `The code is valid for ${minutes} minutes; an administrator can send a new one. If you did not expect this invitation, ignore this mail.`
      : `Kod ${minutes} dakika geçerlidir; süresi dolarsa yöneticiniz yeni bir kod gönderebilir. Bu daveti beklemiyorsanız bu e-postayı dikkate almayın.`;
  }
  return input.language === 'en'
    ? `The code is valid for ${minutes} minutes. If you did not request it, ignore this mail.`
    : `Kod ${minutes} dakika geçerlidir. Bu isteği siz yapmadıysanız bu e-postayı dikkate almayın.`;
}

/** Renders a mail that carries a one-time code, in the recipient's language. */
export function renderCodeMail(input: CodeMailInput): { subject: string; text: string } {
  const validity = validityNote(input);
  return {
    subject: subjects[input.kind][input.language],
    text: `${intro(input)}\n\n${input.code}\n\n${validity}\n`,
  };
}

/** Renders the notice sent instead of a code when someone signs up with a registered email. */
export function renderAccountExistsMail(language: Language): { subject: string; text: string } {
  return language === 'en'
    ? {
        subject: 'Sign-up attempt with your email',
        text: 'Someone tried to create an account with this email, but you already have one. Sign in, or reset your password if you forgot it.\n',
      }
    : {
        subject: 'E-postanızla kayıt denemesi',
        text: 'Bu e-posta adresiyle yeni bir hesap açılmaya çalışıldı, ancak zaten bir hesabınız var. Giriş yapın veya şifrenizi unuttuysanız sıfırlayın.\n',
      };
}
