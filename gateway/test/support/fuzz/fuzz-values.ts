import type { Prng } from './prng.js';

/** Strings that break naive parsing, comparison, rendering or storage. */
export const strangeStrings = [
  '',
  ' ',
  '   \t\n',
  '\u0000',
  'ad\u0000soyad',
  '\u202Eabc',
  '\u200F\u200E\u061C',
  '\ud800',
  '\udfff',
  'x\ud83d',
  '🏋️‍♀️💪',
  'İıŞşĞğ',
  '\uFEFFbom',
  'e\u0301\u0301\u0301',
  '<script>alert(1)</script>',
  "' OR '1'='1",
  '"; DROP TABLE members; --',
  '${7*7}{{7*7}}',
  '../../../etc/passwd',
  '%00%ff',
  '=HYPERLINK("http://127.0.0.1")',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  'true',
  '[]',
  '{}',
];

/** Values of the wrong JSON type for any field. */
export const wrongTypeValues: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  [],
  [1, 2],
  ['a'],
  {},
  { nested: { deeper: 'x' } },
  'text',
];

export const badDates = [
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '0000-00-00',
  '9999-12-31',
  '+275760-09-13',
  '-000001-01-01',
  '31.12.2026',
  '2026/01/01',
  '2026-1-1',
  '2026-01-01T00:00:00Z',
  '20260101',
  '2026-01-01\u0000',
  '٢٠٢٦-٠١-٠١',
  'yesterday',
  '1970-01-01',
  '2100-01-01',
];

export const badMonths = [
  '2026-13',
  '2026-00',
  '2026-1',
  '0000-00',
  '9999-99',
  '2026-01-01',
  'Ocak',
  '2026_01',
];

export const badDecimals = [
  '0',
  '0.00',
  '-0.00',
  '-1.00',
  '12.345',
  '1e3',
  '1e309',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '1,50',
  '1.5.0',
  '١٢٣.٤٥',
  '99999999999999999999.99',
  '10000000000.00',
  ' 12.00',
  '12.00 ',
  '.5',
  '5.',
  '',
];

export const badUuids = [
  'not-a-uuid',
  '00000000-0000-0000-0000-00000000000g',
  '00000000000000000000000000000000',
  '{00000000-0000-4000-8000-000000000000}',
  '00000000-0000-4000-8000-0000000000001',
  '0',
  '-1',
  'null',
  '%00',
  '..',
  '..%2F..%2Fhealth',
  "1' OR '1'='1",
  'İ'.repeat(40),
  'a'.repeat(2000),
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
];

export const badPageValues = [
  '0',
  '-1',
  '1.5',
  '1e20',
  '99999999999',
  'abc',
  '',
  ' ',
  'NaN',
  '101',
  '1000',
  '0x10',
  '1,2',
];

export const acceptLanguages = [
  'en',
  'tr',
  'en-US,en;q=0.9',
  'xx',
  '*',
  'tr;q=abc',
  'a'.repeat(300),
  '',
];

/** A long string of the given size class: just over a typical maxLength, or far over it. */
export function longString(prng: Prng): string {
  const size = prng.pick([121, 256, 1_001, 10_000, 50_000, 300_000]);
  return prng.pick(['a', 'ş', '🏋', '\u0000']).repeat(size);
}

/** A string of one of the strange kinds, long ones included. */
export function strangeString(prng: Prng): string {
  return prng.chance(0.15) ? longString(prng) : prng.pick(strangeStrings);
}
