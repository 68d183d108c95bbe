/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters — registration authority (1), organisation type
 * (1), region code (6), organisation code (9, GB 11714, whose 9th character is its own check), and a
 * final check character. Both checks are verified; the error names which one is wrong.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // 31 characters: no I, O, S, V, Z
const CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type CreditCodeProblem = 'length' | 'charset' | 'orgCheck' | 'finalCheck';

export interface CreditCodeResult {
  ok: boolean;
  code: string;
  problem?: CreditCodeProblem;
  /** Chinese message naming what is wrong */
  message?: string;
}

/** The GB 11714 check character of an 8-character organisation code body. */
export function computeOrgCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body.charAt(i);
    const v = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55; // A=10 … Z=35
    sum += v * (ORG_WEIGHTS[i] ?? 0);
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

/** The GB 32100 final check character of the first 17 characters. */
export function computeFinalCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17.charAt(i)) * (CODE_WEIGHTS[i] ?? 0);
  const r = (31 - (sum % 31)) % 31;
  return CHARSET.charAt(r);
}

export function normalizeCreditCode(input: string): string {
  return input.trim().toUpperCase();
}

export function validateCreditCode(input: string): CreditCodeResult {
  const code = normalizeCreditCode(input);
  if (code.length !== 18) {
    return { ok: false, code, problem: 'length', message: `统一社会信用代码“${input}”应为 18 位，实际 ${code.length} 位` };
  }
  const bad = [...code].find((c) => !CHARSET.includes(c));
  if (bad !== undefined) {
    return { ok: false, code, problem: 'charset', message: `统一社会信用代码“${input}”含有不允许的字符“${bad}”（不使用 I、O、S、V、Z）` };
  }
  const orgCheck = computeOrgCheck(code.slice(8, 16));
  if (code.charAt(16) !== orgCheck) {
    return {
      ok: false,
      code,
      problem: 'orgCheck',
      message: `统一社会信用代码“${input}”第 17 位（组织机构代码校验码）应为 ${orgCheck}，实际为 ${code.charAt(16)}`,
    };
  }
  const finalCheck = computeFinalCheck(code.slice(0, 17));
  if (code.charAt(17) !== finalCheck) {
    return {
      ok: false,
      code,
      problem: 'finalCheck',
      message: `统一社会信用代码“${input}”第 18 位（总校验码）应为 ${finalCheck}，实际为 ${code.charAt(17)}`,
    };
  }
  return { ok: true, code };
}
