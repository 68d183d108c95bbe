/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters —
 *   1      registration authority (登记管理部门代码),
 *   2      organisation type within that authority (机构类别代码),
 *   3–8    region of the registering office (登记管理机关行政区划码, GB/T 2260, digits),
 *   9–17   organisation code (主体标识码, GB 11714): 8 characters and its own check character (the 17th),
 *   18     final check character (GB/T 17710 MOD 31-3 over the first 17).
 * Every part is verified in that order and the error names the part that is wrong, so a user can
 * tell a mistyped organisation code (17th character) from a mistyped final character (18th).
 */
import { msg, renderMessage, type Message } from './messages/catalog';
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // 31 characters: no I, O, S, V, Z
const CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * GB 32100-2015 appendix A: registration authorities and the organisation types each registers.
 * 9 市场监管 (formerly 工商): 1 企业, 2 个体工商户, 3 农民专业合作社.
 */
export const REGISTRATION_AUTHORITIES: Record<string, { name: string; types: Record<string, string> }> = {
  '1': { name: '机构编制', types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': { name: '司法行政', types: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' } },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': { name: '旅游', types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' } },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { name: '市场监管（工商）', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: { name: '农业', types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { name: '其他', types: { '1': '其他' } },
};

export type CreditCodeProblem = 'length' | 'charset' | 'authority' | 'orgType' | 'region' | 'orgCheck' | 'finalCheck';

export interface CreditCodeResult {
  ok: boolean;
  code: string;
  problem?: CreditCodeProblem;
  /** Chinese message naming what is wrong */
  message?: string;
  /** the same as a catalog message (answered in the reader's language) */
  text?: Message;
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

/** Trims, upper-cases and folds full-width characters (“９１４４…” typed in a Chinese IME or copied from a PDF). */
export function normalizeCreditCode(input: string): string {
  return input.normalize('NFKC').trim().toUpperCase();
}

function fail(code: string, input: string, problem: CreditCodeProblem, what: Message): CreditCodeResult {
  const text = msg('creditCode.invalid', { input, what });
  return { ok: false, code, problem, message: renderMessage(text, 'zh'), text };
}

export function validateCreditCode(input: string): CreditCodeResult {
  const code = normalizeCreditCode(input);
  if (code.length !== 18) return fail(code, input, 'length', msg('creditCode.length', { length: code.length }));
  const badAt = [...code].findIndex((c) => !CHARSET.includes(c));
  if (badAt >= 0) {
    return fail(code, input, 'charset', msg('creditCode.charset', { position: badAt + 1, char: code.charAt(badAt) }));
  }
  const authority = REGISTRATION_AUTHORITIES[code.charAt(0)];
  if (!authority) {
    return fail(code, input, 'authority', msg('creditCode.authority', { char: code.charAt(0) }));
  }
  if (!authority.types[code.charAt(1)]) {
    const allowed = Object.entries(authority.types).map(([k, v]) => `${k} ${v}`).join('、');
    return fail(code, input, 'orgType', msg('creditCode.orgType', { char: code.charAt(1), authority: authority.name, allowed }));
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return fail(code, input, 'region', msg('creditCode.region', { region: code.slice(2, 8) }));
  }
  const orgCheck = computeOrgCheck(code.slice(8, 16));
  if (code.charAt(16) !== orgCheck) {
    return fail(code, input, 'orgCheck', msg('creditCode.orgCheck', { expected: orgCheck, actual: code.charAt(16) }));
  }
  const finalCheck = computeFinalCheck(code.slice(0, 17));
  if (code.charAt(17) !== finalCheck) {
    return fail(code, input, 'finalCheck', msg('creditCode.finalCheck', { expected: finalCheck, actual: code.charAt(17) }));
  }
  return { ok: true, code };
}
