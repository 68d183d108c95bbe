import { describe, expect, it } from 'vitest';
import { computeFinalCheck, computeOrgCheck, validateCreditCode } from '../../src/domain/credit-code';
import { formatYuanAsWan, parseWanToYuan, percentHalfUp } from '../../src/domain/money';

describe('统一社会信用代码 GB 32100-2015', () => {
  it.each([
    ['914403001922038216', '华为技术有限公司'],
    ['91330100799655058B', '阿里巴巴（中国）有限公司'],
    ['9144030071526726XG', '腾讯科技（深圳）有限公司'],
  ])('accepts the published code %s (%s)', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, code });
    expect(validateCreditCode(` ${code.toLowerCase()} `)).toEqual({ ok: true, code });
  });

  it('names a wrong final check character', () => {
    const r = validateCreditCode('914403001922038217');
    expect(r).toMatchObject({ ok: false, problem: 'finalCheck' });
    expect(r.message).toContain('第 18 位（总校验码）应为 6，实际为 7');
  });

  it('names a wrong organisation-code check character (GB 11714)', () => {
    const r = validateCreditCode('914403001922038226');
    expect(r).toMatchObject({ ok: false, problem: 'orgCheck' });
    expect(r.message).toContain('第 17 位（组织机构代码校验码）应为 1，实际为 2');
  });

  it('rejects wrong length and forbidden characters', () => {
    expect(validateCreditCode('91440300192203821')).toMatchObject({ ok: false, problem: 'length' });
    expect(validateCreditCode('9144030019220382I6')).toMatchObject({ ok: false, problem: 'charset' });
    expect(validateCreditCode('9144030019220382I6').message).toContain('“I”');
  });

  it('computes both checks by the published weights', () => {
    expect(computeOrgCheck('19220382')).toBe('1');
    expect(computeOrgCheck('71526726')).toBe('X');
    expect(computeFinalCheck('91330100799655058')).toBe('B');
  });
});

describe('money in integer yuan', () => {
  it('parses 万元 with up to 4 decimals exactly', () => {
    expect(parseWanToYuan('1234.5678')).toEqual({ ok: true, yuan: 12_345_678n });
    expect(parseWanToYuan('0.0001')).toEqual({ ok: true, yuan: 1n });
    expect(parseWanToYuan('1,000')).toEqual({ ok: true, yuan: 10_000_000n });
    expect(parseWanToYuan(' 12.3 ')).toEqual({ ok: true, yuan: 123_000n });
    // 0.1 + 0.2 style float traps do not exist here
    expect(parseWanToYuan('0.3')).toEqual({ ok: true, yuan: 3_000n });
  });

  it('rejects what is not an amount, with a message naming the value', () => {
    expect(parseWanToYuan('1.23456')).toEqual({ ok: false, message: '金额“1.23456”最多 4 位小数（万元精确到 1 元）' });
    expect(parseWanToYuan('abc')).toEqual({ ok: false, message: '金额“abc”不是数字（单位：万元）' });
    expect(parseWanToYuan('-1')).toEqual({ ok: false, message: '金额“-1”不能为负数' });
    expect(parseWanToYuan('-1', { allowNegative: true })).toEqual({ ok: true, yuan: -10_000n });
  });

  it('formats yuan as 万元 and back', () => {
    expect(formatYuanAsWan(12_345_678n)).toBe('1234.5678');
    expect(formatYuanAsWan(10_000_000n)).toBe('1000');
    expect(formatYuanAsWan(1n)).toBe('0.0001');
    expect(formatYuanAsWan(-15_000n)).toBe('-1.5');
  });

  it('rounds percentages half-up to 2 decimals; a zero base is null', () => {
    expect(percentHalfUp(1n, 3n)).toBe(33.33);
    expect(percentHalfUp(2n, 3n)).toBe(66.67);
    expect(percentHalfUp(1n, 8n)).toBe(12.5);
    expect(percentHalfUp(1n, 80000n)).toBe(0);
    expect(percentHalfUp(1n, 40000n)).toBe(0); // 0.0025 % rounds down
    expect(percentHalfUp(1n, 20000n)).toBe(0.01); // 0.005 % rounds half-up
    expect(percentHalfUp(-1n, 3n)).toBe(-33.33);
    expect(percentHalfUp(5n, 0n)).toBeNull();
  });
});
