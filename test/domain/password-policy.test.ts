import { describe, expect, it } from 'vitest';
import { isCommonPassword } from '../../src/domain/common-passwords';
import { checkPassword, countCharacterClasses, type SecurityPolicy } from '../../src/domain/password-policy';

const POLICY: SecurityPolicy = {
  passwordMinLength: 8,
  passwordMinClasses: 3,
  maxFailedLogins: 5,
  lockMinutes: 15,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
};
const CLASSES_3 = '密码须包含小写字母、大写字母、数字、符号中的至少 3 类';

describe('countCharacterClasses', () => {
  it.each([
    ['', 0],
    ['abc', 1],
    ['ABC', 1],
    ['123', 1],
    ['!@#', 1],
    [' ', 1],
    ['abcABC', 2],
    ['abc123', 2],
    ['Abc123', 3],
    ['Abc-123', 4],
    ['aA1!aA1!', 4],
  ])('%j has %i classes', (password, n) => {
    expect(countCharacterClasses(password)).toBe(n);
  });

  it('counts any character outside A–Z, a–z, 0–9 as a symbol', () => {
    expect(countCharacterClasses('密码')).toBe(1);
    expect(countCharacterClasses('Ａｂ１')).toBe(1); // full-width letters and digits are symbols, not letters
  });
});

describe('checkPassword', () => {
  it('accepts a password that meets the policy', () => {
    expect(checkPassword('Strong-pass-1', POLICY)).toBeNull();
    expect(checkPassword('Kashgar1', POLICY)).toBeNull(); // exactly 8, exactly 3 classes
    expect(checkPassword('kashgr1!', POLICY)).toBeNull();
  });

  it('refuses a password shorter than the minimum length', () => {
    expect(checkPassword('Abcde1!', POLICY)).toBe('密码至少 8 位');
    expect(checkPassword('', POLICY)).toBe('密码至少 8 位');
    expect(checkPassword('Abcdefg1234', { ...POLICY, passwordMinLength: 12 })).toBe('密码至少 12 位');
    expect(checkPassword('Kashgar12345', { ...POLICY, passwordMinLength: 12 })).toBeNull();
  });

  it('refuses a password longer than 128 characters, whatever the policy', () => {
    const base = 'Aa1-';
    expect(checkPassword(base.repeat(32), POLICY)).toBeNull(); // 128
    expect(checkPassword(`${base.repeat(32)}x`, POLICY)).toBe('密码不能超过 128 位'); // 129
    expect(checkPassword('a'.repeat(500), POLICY)).toBe('密码不能超过 128 位');
  });

  it('refuses too few character classes, naming the number required', () => {
    expect(checkPassword('abcdefgh', POLICY)).toBe(CLASSES_3);
    expect(checkPassword('abcdefg1', POLICY)).toBe(CLASSES_3);
    expect(checkPassword('ABCDEFGH', POLICY)).toBe(CLASSES_3);
    expect(checkPassword('12345678', POLICY)).toBe(CLASSES_3);
    expect(checkPassword('Abcdefg1', { ...POLICY, passwordMinClasses: 4 })).toBe('密码须包含小写字母、大写字母、数字、符号中的至少 4 类');
    expect(checkPassword('Kashgar1!', { ...POLICY, passwordMinClasses: 4 })).toBeNull();
    expect(checkPassword('abcdefgh', { ...POLICY, passwordMinClasses: 1 })).toBeNull();
  });

  it('refuses a password that contains the user name, ignoring case', () => {
    expect(checkPassword('Alice-2026', POLICY, 'alice')).toBe('密码不能包含用户名');
    expect(checkPassword('x-ALICE-9z', POLICY, 'Alice')).toBe('密码不能包含用户名');
    expect(checkPassword('Strong-pass-1', POLICY, 'u1')).toBeNull();
    expect(checkPassword('Strong-pass-1', POLICY, 'bob')).toBeNull();
    expect(checkPassword('Strong-pass-1', POLICY, '')).toBeNull();
    expect(checkPassword('Strong-pass-1', POLICY)).toBeNull();
  });

  it('reports length before classes, and classes before the user name', () => {
    expect(checkPassword('alice', POLICY, 'alice')).toBe('密码至少 8 位');
    expect(checkPassword('aliceabc', POLICY, 'alice')).toBe(CLASSES_3);
  });
});

describe('common passwords', () => {
  it('refuses the common ones and their simple variants (case, l33t, digits, symbols or a year around them)', () => {
    for (const p of ['123456', 'a123456', 'woaini1314', 'qq123456', 'password1', '5201314', '1qaz2wsx', 'zxcvbnm', 'iloveyou']) expect(isCommonPassword(p), p).toBe(true);
    for (const p of ['Woaini@1314', 'WOAINI1314!', 'P@ssw0rd', 'Password@2026', 'Admin@123', 'Yinfeng@2026', '2026@Yinfeng', 'Zhangwei1990!', 'Abcdef12', 'Qwer1234!', 'Aa123456!', '88888888', 'aaaaaaaa']) {
      expect(isCommonPassword(p), p).toBe(true);
    }
  });

  it('lets ordinary strong passwords through', () => {
    for (const p of ['Strong-pass-1', 'Test@pass-2026', 'New-pass-2026', 'Kashgar1', 'Hetian-jujube-84', 'Tianchi#Lake7', 'Li-Wei-Jun-88x']) expect(isCommonPassword(p), p).toBe(false);
  });

  it('is part of checkPassword, after length, classes and user name', () => {
    expect(checkPassword('Woaini@1314', POLICY)).toMatch(/^密码过于常见/);
    expect(checkPassword('Woaini@1314', POLICY, undefined, { allowCommon: true })).toBeNull();
  });
});

