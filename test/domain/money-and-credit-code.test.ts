import { describe, expect, it } from 'vitest';
import { computeFinalCheck, computeOrgCheck, validateCreditCode } from '../../src/domain/credit-code';
import { formatYuanAsWan, parseWanToYuan, percentHalfUp } from '../../src/domain/money';
import { renderMessage } from '../../src/domain/messages/catalog';

/**
 * Published codes, each found in public material with the holder's name (invoices, registry
 * extracts, stock-exchange and GLEIF records) and passing both checks: enterprises (91), a
 * 事业单位 (12) and organisation codes with letters (MA…, M…).
 */
const PUBLISHED = [
  ['914403001922038216', '华为技术有限公司'],
  ['91330100799655058B', '阿里巴巴（中国）有限公司'],
  ['9144030071526726XG', '腾讯科技（深圳）有限公司'],
  ['91440300708461136T', '深圳市腾讯计算机系统有限公司'],
  ['91440300192317458F', '比亚迪股份有限公司'],
  ['91440400192548256N', '珠海格力电器股份有限公司'],
  ['91110108551385082Q', '小米科技有限责任公司'],
  ['91110000710926094P', '中国中铁股份有限公司'],
  ['91110000710925462X', '中国石油天然气股份有限公司'],
  ['91520000214434146R', '中航重机股份有限公司'],
  ['91340111MA2RAD3M4R', '蔚来控股有限公司'],
  ['12100000400000624D', '清华大学'],
] as const;

/** A code with the given first 17 characters and the right final check (to isolate one fault). */
const withFinalCheck = (first17: string) => `${first17}${computeFinalCheck(first17)}`;

describe('统一社会信用代码 GB 32100-2015', () => {
  it.each(PUBLISHED)('accepts the published code %s (%s)', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, code });
    expect(validateCreditCode(` ${code.toLowerCase()} `)).toEqual({ ok: true, code });
  });

  it('folds full-width characters typed with a Chinese input method', () => {
    expect(validateCreditCode('９１４４０３００１９２２０３８２１６')).toEqual({ ok: true, code: '914403001922038216' });
  });

  it('names a wrong final check character (18th)', () => {
    const r = validateCreditCode('914403001922038217');
    expect(r).toMatchObject({ ok: false, problem: 'finalCheck' });
    expect(r.message).toBe('统一社会信用代码“914403001922038217”第 18 位（总校验码）应为 6，实际为 7');
  });

  it('names a wrong organisation-code check character (17th, GB 11714), not the final one', () => {
    // the 17th changed and the 18th recomputed: only the organisation code is wrong
    const code = withFinalCheck('91440300192203822');
    const r = validateCreditCode(code);
    expect(r).toMatchObject({ ok: false, problem: 'orgCheck' });
    expect(r.message).toContain('第 17 位（组织机构代码的校验码，GB 11714）应为 1，实际为 2');
    expect(r.message).toContain('第 9–17 位');
    // a mistyped digit inside the organisation code is caught by its own check first
    expect(validateCreditCode('914403001922038316')).toMatchObject({ ok: false, problem: 'orgCheck' });
    // both checks wrong: the organisation code is named
    expect(validateCreditCode('914403001922038227')).toMatchObject({ ok: false, problem: 'orgCheck' });
  });

  it('rejects a wrong length', () => {
    expect(validateCreditCode('91440300192203821')).toMatchObject({ ok: false, problem: 'length', message: '统一社会信用代码“91440300192203821”应为 18 位，实际 17 位' });
    expect(validateCreditCode('9144030019220382166')).toMatchObject({ ok: false, problem: 'length' });
    expect(validateCreditCode('')).toMatchObject({ ok: false, problem: 'length' });
    // the old 15-digit registration number (注册号) is not a credit code
    expect(validateCreditCode('440301104001819')).toMatchObject({ ok: false, problem: 'length' });
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])('rejects the excluded letter %s, naming its position', (letter) => {
    const r = validateCreditCode(`9144030019220382${letter}6`);
    expect(r).toMatchObject({ ok: false, problem: 'charset' });
    expect(r.message).toContain(`第 17 位含有不允许的字符“${letter}”`);
  });

  it('rejects punctuation and spaces inside the code', () => {
    expect(validateCreditCode('91440300-922038216')).toMatchObject({ ok: false, problem: 'charset' });
    expect(validateCreditCode('9144030019220 8216')).toMatchObject({ ok: false, problem: 'charset' });
  });

  it('rejects an unknown registration authority (1st character)', () => {
    const r = validateCreditCode(withFinalCheck('B1440300192203821'));
    expect(r).toMatchObject({ ok: false, problem: 'authority' });
    expect(r.message).toContain('第 1 位（登记管理部门代码）“B”不存在');
    expect(validateCreditCode(withFinalCheck('01440300192203821'))).toMatchObject({ ok: false, problem: 'authority' });
  });

  it('rejects an organisation type the authority does not register (2nd character)', () => {
    // 市场监管 registers 1 企业, 2 个体工商户, 3 农民专业合作社 only
    const r = validateCreditCode(withFinalCheck('94440300192203821'));
    expect(r).toMatchObject({ ok: false, problem: 'orgType' });
    expect(r.message).toContain('第 2 位（机构类别代码）“4”不是市场监管（工商）部门登记的类别，应为 1 企业、2 个体工商户、3 农民专业合作社');
    expect(validateCreditCode(withFinalCheck('Y2440300192203821'))).toMatchObject({ ok: false, problem: 'orgType' });
    // the other types of 市场监管 and other authorities pass this step
    expect(validateCreditCode(withFinalCheck('92440300192203821'))).toMatchObject({ ok: true });
    expect(validateCreditCode(withFinalCheck('93440300192203821'))).toMatchObject({ ok: true });
    expect(validateCreditCode(withFinalCheck('51440300192203821'))).toMatchObject({ ok: true });
    expect(validateCreditCode(withFinalCheck('N2440300192203821'))).toMatchObject({ ok: true });
  });

  it('rejects letters in the region code (3rd–8th characters)', () => {
    const r = validateCreditCode(withFinalCheck('9144A300192203821'));
    expect(r).toMatchObject({ ok: false, problem: 'region' });
    expect(r.message).toContain('第 3–8 位（登记管理机关行政区划码）“44A300”应为 6 位数字');
  });

  it('computes both checks by the published weights', () => {
    expect(computeOrgCheck('19220382')).toBe('1');
    expect(computeOrgCheck('71526726')).toBe('X'); // remainder 10 → X
    expect(computeOrgCheck('MA2RAD3M')).toBe('4'); // letters count A=10 … Z=35
    expect(computeFinalCheck('91330100799655058')).toBe('B');
    expect(computeFinalCheck('12100000400000624')).toBe('D');
  });

  it('finds every single-character typo in a published code', () => {
    const code = '91440300192317458F';
    const alphabet = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];
    for (let i = 0; i < 18; i++) {
      for (const c of alphabet) {
        if (c === code.charAt(i)) continue;
        const typo = `${code.slice(0, i)}${c}${code.slice(i + 1)}`;
        expect(validateCreditCode(typo).ok, typo).toBe(false);
      }
    }
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
    expect(parseWanToYuan('1.23456')).toMatchObject({ ok: false, message: '金额“1.23456”最多 4 位小数（万元精确到 1 元）' });
    expect(parseWanToYuan('abc')).toMatchObject({ ok: false, message: '金额“abc”不是数字（单位：万元）' });
    const negative = parseWanToYuan('-1');
    expect(negative).toMatchObject({ ok: false, message: '金额“-1”不能为负数' });
    if (!negative.ok) expect(renderMessage(negative.text, 'en')).toBe('Amount “-1” cannot be negative');
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
    // signs: a negative base flips the sign, two negatives make it positive, zero has none
    expect(percentHalfUp(1n, -3n)).toBe(-33.33);
    expect(percentHalfUp(-2n, -3n)).toBe(66.67);
    expect(Object.is(percentHalfUp(0n, -3n), 0)).toBe(true);
  });
});
