import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { committedMembersFile, DEFAULT_MEMBER_COUNT, DEFAULT_SEED } from '../src/index.js';
import { generateMembers } from '../src/member-records.js';
import { memberFileHeaders, toMembersCsv } from '../src/members-csv.js';

const size = { seed: DEFAULT_SEED, month: '2026-02', members: DEFAULT_MEMBER_COUNT, days: 28 };

function dataRows(csv: string): string[] {
  return csv
    .replace(/^\ufeff/, '')
    .trimEnd()
    .split('\r\n')
    .slice(1);
}

/** Splits a row into cells, keeping a `;` inside double quotes. */
function cells(row: string): string[] {
  return [...row.matchAll(/("(?:[^"]|"")*"|[^;]*)(?:;|$)/g)].map((match) => match[1]!).slice(0, 10);
}

/** Index of the `Başlangıç Tarihi` cell, the ninth column. */
const START_COLUMN = 8;

describe('the generated member file', () => {
  it('same seed gives same bytes', () => {
    const first = toMembersCsv(generateMembers(size));
    assert.equal(toMembersCsv(generateMembers(size)), first);
    assert.notEqual(toMembersCsv(generateMembers({ ...size, seed: 'another gym' })), first);
  });

  it('Turkish Excel CSV layout', () => {
    const csv = toMembersCsv(generateMembers(size));

    assert.ok(csv.startsWith('\ufeffAd;Soyad;Telefon;E-posta;Doğum Tarihi;Cinsiyet;Şube;Paket;'));
    assert.equal(csv.split('\r\n')[0], `\ufeff${memberFileHeaders.join(';')}`);
    assert.equal(dataRows(csv).length, DEFAULT_MEMBER_COUNT);
    assert.ok(!/[^\r]\n/.test(csv), 'every line ends with CRLF');
  });

  it('start dates inside the month', () => {
    for (const member of generateMembers(size)) {
      assert.match(member.startDate, /^2026-02-(0[1-9]|1\d|2[0-8])$/);
    }
    for (const row of dataRows(toMembersCsv(generateMembers(size)))) {
      assert.match(cells(row)[START_COLUMN]!, /^\d{2}\.02\.2026$/);
    }
  });

  it('distinct phones in four spellings', () => {
    const members = generateMembers(size);
    assert.equal(new Set(members.map((member) => member.phone)).size, members.length);
    for (const member of members) assert.match(member.phone, /^\+905\d{9}$/);

    const spellings = new Set(members.map((member) => member.phoneAsTyped.replace(/\d/g, 'd')));
    assert.deepEqual(
      [...spellings].sort(),
      ['+dd ddd ddd dd dd', 'dddd ddd dd dd', 'ddddddddddd', 'ddd ddd dddd'].sort(),
    );
    for (const member of members) {
      assert.match(member.phoneAsTyped, /^(\+90 5|05|5\d\d )/, 'national forms keep the trunk 0');
    }
  });

  it('Turkish letters and quoted notes', () => {
    const csv = toMembersCsv(generateMembers(size));
    for (const letter of ['ç', 'ğ', 'ı', 'İ', 'ö', 'ş', 'ü', 'Ç', 'Ş', 'Ö', 'Ü']) {
      assert.ok(csv.includes(letter), `no "${letter}" in the file`);
    }
    assert.ok(csv.includes('"Diz sakatlığı; doktor raporu getirecek"'));
  });

  it('committed file matches the generator', () => {
    const committed = readFileSync(committedMembersFile, 'utf8');
    const [, month, year] = cells(dataRows(committed)[0]!)[START_COLUMN]!.split('.');
    const committedMonth = `${year}-${month}`;
    const days = DateTime.fromISO(`${committedMonth}-01`).daysInMonth!;

    const regenerated = toMembersCsv(generateMembers({ ...size, month: committedMonth, days }));
    assert.equal(committed, regenerated, 'run `npm run demo:members -- --month <month>`');
  });
});
