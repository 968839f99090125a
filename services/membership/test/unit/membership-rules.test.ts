import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { businessDate, daysBetween, isCalendarDate } from '../../src/common/business-date.js';
import { neutraliseFormulas } from '../../src/import-export/export.service.js';
import { foldForSearch, foldName } from '../../src/common/turkish-fold.js';
import { memberSearchText, searchPatterns } from '../../src/members/member-search.js';
import { memberStatusOn, remainingDays } from '../../src/members/member-status.js';
import { membershipEndDate } from '../../src/members/membership-term.js';
import { normalizePhone } from '../../src/members/phone-number.js';

describe('membership end date', () => {
  const cases: [string, number, 'DAY' | 'MONTH', string][] = [
    ['2026-01-01', 1, 'DAY', '2026-01-01'],
    ['2026-01-01', 30, 'DAY', '2026-01-30'],
    ['2026-01-15', 1, 'MONTH', '2026-02-14'],
    ['2026-01-31', 1, 'MONTH', '2026-02-28'],
    ['2028-01-31', 1, 'MONTH', '2028-02-29'],
    ['2026-01-28', 1, 'MONTH', '2026-02-27'],
    ['2026-03-01', 12, 'MONTH', '2027-02-28'],
    ['2026-03-29', 1, 'MONTH', '2026-04-28'],
  ];
  for (const [start, value, unit, expected] of cases) {
    it(`${start} plus ${value} ${unit} ends ${expected}`, () => {
      assert.equal(membershipEndDate(start, value, unit), expected);
    });
  }
});

describe('phone normalisation', () => {
  it('three Turkish spellings give one E.164 number', () => {
    for (const spelling of [
      '0532 123 45 67',
      '5321234567',
      '+90 532 123 45 67',
      '(0532) 123-45-67',
    ]) {
      assert.equal(normalizePhone(spelling), '+905321234567', spelling);
    }
  });

  it('foreign numbers keep their country', () => {
    assert.equal(normalizePhone('+1 212 555 0123'), '+12125550123');
  });

  it('invalid numbers are rejected', () => {
    for (const spelling of ['123', '0532 123', 'abc', '+90 000 000 00 00']) {
      assert.equal(normalizePhone(spelling), undefined, spelling);
    }
  });
});

describe('Turkish search folding', () => {
  it('folds dotted and dotless I both ways', () => {
    assert.equal(foldForSearch('İSMAİL'), foldForSearch('ismail'));
    assert.equal(foldForSearch('Işık'), foldForSearch('ışık'));
    assert.equal(foldForSearch('IŞIK'), 'isik');
  });

  it('removes Turkish diacritics', () => {
    assert.equal(foldForSearch('Şükrü Çağlar Öztürk'), 'sukru caglar ozturk');
  });

  it('folds names like the unique indexes', () => {
    assert.equal(foldName('KADIN PAKETİ'), foldName('Kadın Paketi'));
  });

  it('search text contains the phone digit forms', () => {
    const text = memberSearchText('İsmail', 'Işık', '+905321234567');
    assert.equal(text, 'ismail isik 905321234567 05321234567');
  });

  it('phone-like terms also match by digits', () => {
    assert.deepEqual(searchPatterns('0532 123'), ['%0532 123%', '%0532123%']);
    assert.deepEqual(searchPatterns('Ayşe'), ['%ayse%']);
  });

  it('LIKE wildcards in terms are escaped', () => {
    assert.deepEqual(searchPatterns('50%_off'), ['%50\\%\\_off%']);
  });
});

describe('member status and remaining days', () => {
  const member = {
    archivedAt: null,
    membershipStartDate: '2026-03-01',
    membershipEndDate: '2026-03-31',
  };

  it('is ACTIVE from start to end date', () => {
    assert.equal(memberStatusOn(member, '2026-03-01', false), 'ACTIVE');
    assert.equal(memberStatusOn(member, '2026-03-31', false), 'ACTIVE');
  });

  it('is PASSIVE before the start and after the end', () => {
    assert.equal(memberStatusOn(member, '2026-02-28', false), 'PASSIVE');
    assert.equal(memberStatusOn(member, '2026-04-01', false), 'PASSIVE');
  });

  it('is FROZEN during a freeze and ARCHIVED after archiving', () => {
    assert.equal(memberStatusOn(member, '2026-03-10', true), 'FROZEN');
    assert.equal(
      memberStatusOn({ ...member, archivedAt: new Date() }, '2026-03-10', true),
      'ARCHIVED',
    );
  });

  it('counts remaining days with today included', () => {
    assert.equal(remainingDays('2026-03-31', '2026-03-01', '2026-03-31'), 1);
    assert.equal(remainingDays('2026-03-01', '2026-03-01', '2026-03-31'), 31);
    assert.equal(remainingDays('2026-02-01', '2026-03-01', '2026-03-31'), 31);
    assert.equal(remainingDays('2026-04-01', '2026-03-01', '2026-03-31'), 0);
  });
});

describe('business dates', () => {
  it('takes the date in the given zone', () => {
    const instant = new Date('2026-03-10T21:30:00Z');
    assert.equal(businessDate(instant, 'Europe/Istanbul'), '2026-03-11');
    assert.equal(businessDate(instant, 'America/New_York'), '2026-03-10');
  });

  it('counts days across a DST change', () => {
    assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2);
    assert.equal(daysBetween('2026-11-02', '2026-10-31'), -2);
  });

  it('accepts only real calendar dates', () => {
    assert.equal(isCalendarDate('2026-02-28'), true);
    assert.equal(isCalendarDate('0000-01-01'), false, 'year 0 cannot be stored by PostgreSQL');
    assert.equal(isCalendarDate('9999-12-31'), false, 'an end date after it could pass year 9999');
    assert.equal(isCalendarDate('2026-02-30'), false);
    assert.equal(isCalendarDate('28.02.2026'), false);
  });
});

describe('csv export cells', () => {
  it('neutralise formulas in free text only', () => {
    const row = [
      '=HYPERLINK("http://x")',
      '+1+1',
      '+905321234567',
      '@SUM(1)',
      '',
      '',
      '-Şube',
      'Aylık',
      '2026-12-04',
      '\tnot',
      '2027-01-04',
      'ACTIVE',
    ];
    const cells = neutraliseFormulas(row);
    assert.equal(cells[0], `'=HYPERLINK("http://x")`);
    assert.equal(cells[1], `'+1+1`);
    assert.equal(cells[2], '+905321234567', 'the phone column stays exact');
    assert.equal(cells[3], `'@SUM(1)`);
    assert.equal(cells[6], `'-Şube`);
    assert.equal(cells[7], 'Aylık');
    assert.equal(cells[9], `'\tnot`);
    assert.equal(cells[8], '2026-12-04');
  });
});
