import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAcceptablePassword } from '../../src/common/password-policy.js';
import { codeMatches, generateCode, hashCode } from '../../src/codes/code-hash.js';

describe('password policy', () => {
  it('accepts a long mixed password', () => {
    assert.equal(isAcceptablePassword('Kule-Demir-42!x'), true);
    assert.equal(
      isAcceptablePassword('Çınar-Ağacı-1905'),
      true,
      'Turkish letters count as letters',
    );
  });

  it('rejects each missing requirement', () => {
    const cases: Record<string, string> = {
      'too short': 'Ab1!efgh',
      'too long': `Ab1!${'x'.repeat(125)}`,
      'no lowercase': 'ABCDEFGH1!',
      'no uppercase': 'abcdefgh1!',
      'no digit': 'Abcdefghi!',
      'no symbol': 'Abcdefghi1',
    };
    for (const [reason, password] of Object.entries(cases)) {
      assert.equal(isAcceptablePassword(password), false, reason);
    }
  });

  it('rejects common passwords, also decorated ones', () => {
    for (const password of [
      'Password123!',
      'Qwertyuiop1!',
      '!Galatasaray1905',
      'Fenerbahçe1907!',
    ]) {
      assert.equal(isAcceptablePassword(password), false, password);
    }
  });
});

describe('email codes', () => {
  it('are six digits from the whole range', () => {
    const codes = Array.from({ length: 2_000 }, generateCode);
    assert.ok(codes.every((code) => /^\d{6}$/.test(code)));
    assert.ok(new Set(codes).size > 1_990, 'codes do not repeat in a small sample');
    assert.ok(
      codes.some((code) => code.startsWith('0')),
      'leading zeros are kept',
    );
  });

  it('hash bound to purpose and email', () => {
    const hash = hashCode('secret', 'SIGNUP', 'a@b.c', '123456');
    assert.ok(codeMatches(hash, hashCode('secret', 'SIGNUP', 'a@b.c', '123456')));
    assert.ok(!codeMatches(hash, hashCode('secret', 'PASSWORD_RESET', 'a@b.c', '123456')));
    assert.ok(!codeMatches(hash, hashCode('secret', 'SIGNUP', 'x@b.c', '123456')));
    assert.ok(!codeMatches(hash, hashCode('other', 'SIGNUP', 'a@b.c', '123456')));
  });
});
