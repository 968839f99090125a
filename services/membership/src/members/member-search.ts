import { foldForSearch } from '../common/turkish-fold.js';
import { phoneSearchDigits } from './phone-number.js';

/** Builds the text stored in `search_text`: folded first and last name, then the phone's digit forms. */
export function memberSearchText(firstName: string, lastName: string, phone: string): string {
  return `${foldForSearch(`${firstName} ${lastName}`)} ${phoneSearchDigits(phone)}`.slice(0, 400);
}

/** Returns the LIKE patterns for a search term: its folded text and, for phone-like terms, its digits. */
export function searchPatterns(term: string): string[] {
  const patterns = [foldForSearch(term)];
  const digits = term.replace(/\D/g, '');
  if (/^[\d\s+().-]+$/.test(term.trim()) && digits.length > 0) {
    patterns.push(digits);
  }
  return [...new Set(patterns)]
    .filter((pattern) => pattern.length > 0)
    .map((pattern) => `%${pattern.replace(/[\\%_]/g, (character) => `\\${character}`)}%`);
}
