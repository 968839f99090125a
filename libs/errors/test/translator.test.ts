import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  registerErrors,
  translateError,
  translateValidation,
  toFieldErrors,
  languageOf,
} from '../src/index.js';

describe('error messages', () => {
  it('renders Turkish and English with parameters', () => {
    assert.match(translateError('RATE_LIMITED', 'tr', { retryAfterSeconds: 30 }), /30 saniye/);
    assert.match(translateError('RATE_LIMITED', 'en', { retryAfterSeconds: 30 }), /30 seconds/);
  });

  it('falls back to the generic message for an unknown code', () => {
    assert.equal(translateError('NO_SUCH_CODE', 'en'), translateError('INTERNAL_ERROR', 'en'));
  });

  it('refuses to redefine a registered code differently', () => {
    assert.throws(
      () => registerErrors({ NOT_FOUND: { status: 404, tr: 'x', en: 'y' } }),
      /already registered/,
    );
  });

  it('renders validation messages with constraint arguments', () => {
    const message = translateValidation('maxLength', 'en', { field: 'name', constraint1: 120 });
    assert.equal(message, 'name must be at most 120 characters long.');
    assert.equal(translateValidation('unknownRule', 'tr', { field: 'ad' }), 'ad alanı geçersiz.');
    assert.equal(
      translateValidation('isDateOnly', 'en', { field: 'paidOn' }),
      'paidOn must be a valid date in YYYY-MM-DD format.',
    );
  });

  it('flattens nested validation errors into field paths', () => {
    const fields = toFieldErrors([
      {
        property: 'items',
        children: [
          {
            property: '0',
            children: [{ property: 'quantity', constraints: { min: 'x' }, children: [] }],
          },
        ],
      },
    ]);
    assert.deepEqual(
      fields.map((field) => field.field),
      ['items.0.quantity'],
    );
  });

  it('picks English only when the client prefers it', () => {
    const request = (header: string) => ({
      acceptsLanguages: (...languages: string[]) => {
        const preferred = header.split(',').map((part) => part.split(';')[0]!.trim().slice(0, 2));
        return languages.find((language) => preferred[0] === language) || false;
      },
    });
    assert.equal(languageOf(request('en-US,en;q=0.9') as never), 'en');
    assert.equal(languageOf(request('de-DE') as never), 'tr');
    assert.equal(languageOf(undefined), 'tr');
  });
});
