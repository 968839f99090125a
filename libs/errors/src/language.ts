import type { Request } from 'express';
import { defaultLanguage, supportedLanguages, type Language } from './translator.js';

/** Picks the response language from Accept-Language: English when preferred, Turkish otherwise. */
export function languageOf(request: Pick<Request, 'acceptsLanguages'> | undefined): Language {
  const preferred = request?.acceptsLanguages?.(...supportedLanguages);
  return preferred === 'en' || preferred === 'tr' ? preferred : defaultLanguage;
}
