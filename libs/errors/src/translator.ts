import i18next, { type i18n } from 'i18next';
import { findError } from './error-codes.js';
import { validationMessages } from './validation-messages.js';

export type Language = 'tr' | 'en';
export const supportedLanguages: Language[] = ['tr', 'en'];
export const defaultLanguage: Language = 'tr';

let instance: i18n | undefined;

function translator(): i18n {
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      initAsync: false,
      lng: defaultLanguage,
      fallbackLng: defaultLanguage,
      supportedLngs: supportedLanguages,
      interpolation: { escapeValue: false },
      resources: {},
    });
  }
  return instance;
}

function render(template: string, language: Language, params: Record<string, unknown>): string {
  return translator().services.interpolator.interpolate(template, params, language, {});
}

/** Renders the message of an error code in the given language; unknown codes get the generic one. */
export function translateError(
  code: string,
  language: Language,
  params: Record<string, unknown> = {},
): string {
  const definition = findError(code) ?? findError('INTERNAL_ERROR');
  return render(definition![language], language, params);
}

/** Renders the message for one failed validation constraint of one field. */
export function translateValidation(
  constraint: string,
  language: Language,
  params: Record<string, unknown>,
): string {
  const entry = validationMessages[constraint] ?? validationMessages.default!;
  return render(entry[language], language, params);
}
