import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS, isCommonPassword } from '../../src/domain/common-passwords';

describe('common passwords and their simple variants', () => {
  it('holds every word lower-case with its l33t-undone form', () => {
    expect(COMMON_PASSWORDS.has('p@ssw0rd')).toBe(true);
    expect(COMMON_PASSWORDS.has('password')).toBe(true);
    expect(COMMON_PASSWORDS.has('1qaz@wsx')).toBe(true);
    expect(COMMON_PASSWORDS.has('iqazawsx')).toBe(true); // undone: 1→i, @→a
    expect(COMMON_PASSWORDS.has('')).toBe(false);
  });

  it('refuses a listed word in any case', () => {
    for (const p of ['Yinfeng', 'WOAINI', 'QwErTy', 'zhaoshangyinzi']) expect(isCommonPassword(p), p).toBe(true);
  });

  it('refuses spaces and separators inside a listed word', () => {
    for (const p of ['qwe asd', 'pass.word', 'pass_word', 'pass-word', 'qaz~wsx', 'zhao+shang', 'wo#ai$ni']) expect(isCommonPassword(p), p).toBe(true);
  });

  it('undoes each l33t letter', () => {
    for (const p of ['p@ssword', 'passw0rd', 'tru5tno1', 'mon|<ey'.replace('|<', 'k'), 'w3lcom3', 'pa$$word', 'ma5ter', '7est', 'm4nager', 'dr4gon', 'letmein!'.replace('i', '1'), 's3cr3t', 'sha!ghai'.replace('!', 'n').replace('a', '4')])
      expect(isCommonPassword(p), p).toBe(true);
  });

  it('refuses a word of four letters or more with digits or symbols around it, but not a short word inside a longer one', () => {
    for (const p of ['Password@2026!', '2026yinfeng!!', '!!!Dragon99', 'xinjiang1!2', 'W0aini@1314', 'monkey007', 'p4ssword#1']) expect(isCommonPassword(p), p).toBe(true);
    // the core of "Wang@1988x" is "wangx": not listed; "wang" alone is
    expect(isCommonPassword('wang')).toBe(true);
    expect(isCommonPassword('Wang#19880x')).toBe(false);
    expect(isCommonPassword('88li88')).toBe(false); // a short surname is no core
    expect(isCommonPassword('1he2')).toBe(false);
  });

  it('refuses a listed word or number with a year or symbols after or before it', () => {
    for (const p of ['qq123456!', '5201314@2025', '#woaini1314', '147258369~', 'abc123!!', 'admin1990', '!!zhengfu']) expect(isCommonPassword(p), p).toBe(true);
    // a year alone is stripped only at the end
    expect(isCommonPassword('2025xq7k')).toBe(false);
  });

  it('refuses only digits and one repeated character, and passes real passwords', () => {
    for (const p of ['93817265', '0000000000000', 'zzzzzzzz', '!!!!!!!!']) expect(isCommonPassword(p), p).toBe(true);
    expect(isCommonPassword('q9w8e7r6t5')).toBe(true); // the letters alone spell qwert
    for (const p of ['Tianchi#Lake-7319', 'mXq8!vR2pL', '招商2026引资!', 'ab', 'Kz7$u2', 'h7g3k9m2x', 'aab', 'zz9']) expect(isCommonPassword(p), p).toBe(false);
  });

  it('tries each variant on its own: the core, the l33t core, the word with a year or symbols stripped', () => {
    expect(isCommonPassword('wang1')).toBe(true); // core of exactly four letters
    expect(isCommonPassword('dr4gon99')).toBe(true); // only the l33t-undone core is listed
    expect(isCommonPassword('p4ss99')).toBe(true); // a l33t core of exactly four letters
    expect(isCommonPassword('qq123456?')).toBe(true); // a symbol outside the separators, stripped at the end
    expect(isCommonPassword('?5201314')).toBe(true); // and at the start
    expect(isCommonPassword('5201314?2025')).toBe(true); // a year, then the symbol before it
    expect(isCommonPassword('1234?')).toBe(true); // a stripped number of exactly four characters
    expect(isCommonPassword('li?')).toBe(false); // a short surname with a symbol is no common password
    expect(isCommonPassword('he1990')).toBe(false);
  });
});
