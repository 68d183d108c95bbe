/** Enterprises, contacts and near-duplicate pairs for tests (created through the services, as the CLI operator). */
import { computeFinalCheck, computeOrgCheck } from '../../src/domain/credit-code';
import { createSystemCaller, type Deps } from '../../src/services/context';
import { addContact } from '../../src/services/enterprises/enterprise-contacts';
import { createEnterprise, type EnterpriseCreateInput } from '../../src/services/enterprises/enterprises';
import { createProject } from '../../src/services/projects/projects';
import { selectPendingCandidatesOf } from '../../src/db/queries/enterprises/enterprise-duplicates';

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** characters for trade names (字号) that never spell a place or an industry word */
const TAG_CHARS = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥琥珀翡翠玛瑙珊瑚琉璃砗磲鹦鹉麒麟';
let counter = 0;

export const system = () => createSystemCaller('test');

/** A valid credit code of an enterprise registered in `region`, different for each n. */
export function testCreditCode(n: number, region = '650109'): string {
  let body = '';
  let v = n;
  for (let i = 0; i < 6; i++) {
    body = CODE_CHARS.charAt(v % 31) + body;
    v = Math.floor(v / 31);
  }
  const org = `MA${body}`;
  const first17 = `91${region}${org}${computeOrgCheck(org)}`;
  return `${first17}${computeFinalCheck(first17)}`;
}

/** A number never used before in this process. */
export function nextNumber(): number {
  counter += 1;
  return 100_000 + counter;
}
/**
 * A four-character trade name for n, scattered so that names of consecutive numbers share no
 * characters at the same place (and so do not look like near-duplicates of one another).
 */
export function tradeTag(n: number): string {
  let x = Math.imul(n, 2654435761) >>> 0;
  let out = '';
  for (let i = 0; i < 4; i++) {
    out += TAG_CHARS.charAt(x % TAG_CHARS.length);
    x = Math.floor(x / TAG_CHARS.length);
  }
  return out;
}

export async function testEnterprise(deps: Deps, input: Partial<EnterpriseCreateInput> = {}) {
  const n = nextNumber();
  return createEnterprise(deps, system(), { creditCode: testCreditCode(n), name: `新疆${tradeTag(n)}测试科技有限公司`, ...input });
}

export async function testContact(deps: Deps, key: string, regionCode: string, input: { name?: string; phone?: string; email?: string } = {}) {
  return addContact(deps, system(), key, { name: '张三丰', phone: '13812345678', email: 'zhang@example.com', title: '总经理', regionCode, ...input });
}

/** A project in `regionCode` naming an investor without a code. */
export async function projectWithInvestor(deps: Deps, regionCode: string, investorName: string, investorCreditCode: string | null = null) {
  return createProject(deps, system(), { name: `测试项目${nextNumber()}`, regionCode, investorName, investorCreditCode, source: 'outOfRegion' });
}

/**
 * A coded enterprise 新疆金泰<n>光伏科技有限公司 and a project in `regionCode` whose investor is
 * typed 金泰<n>光伏科技 without a code: the pair is flagged when the project is created.
 */
export async function duplicatePair(deps: Deps, regionCode: string) {
  const n = nextNumber();
  const trade = `金泰${tradeTag(n)}`;
  const coded = await testEnterprise(deps, { name: `新疆${trade}光伏科技有限公司` });
  const project = await projectWithInvestor(deps, regionCode, `${trade}光伏科技`);
  const candidates = await selectPendingCandidatesOf(deps.db, coded.id);
  const pair = candidates.find((c) => c.candidate.enterpriseId === project.investorId);
  if (!pair) throw new Error(`no duplicate candidate flagged for ${trade}`);
  return { candidateId: pair.candidate.id, coded, uncodedId: project.investorId as string, project };
}
