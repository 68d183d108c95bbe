/**
 * GB/T 4754-2017 国民经济行业分类 (as amended by 第1号修改单, 2019): 门类 (sections A–T), 大类
 * (divisions 01–97) with their official names below, and 中类 (3-digit groups) and 小类 (4-digit
 * classes) from the generated industry-classes-data.ts (scripts/generate-industry-classes.ts).
 * A code's digits start with its parent's: 3611 ⊂ 361 ⊂ 36 ⊂ C.
 *
 * Sectors follow 国家统计局《三次产业划分规定》(2018): 第一产业 = A except 05; 第二产业 = B except 11,
 * C except 43, D, E; 第三产业 = everything else (05, 11, 43 and F–T). The rules name no exception
 * below 大类, so a 中类 or 小类 has its 大类's sector (0511 → 05 → 第三产业).
 */
import { toPinyinKeys } from '../search/pinyin-keys';
import { INDUSTRY_GROUPS_AND_CLASSES } from './industry-classes-data';

export type IndustryLevel = 'section' | 'division' | 'group' | 'class'; // 门类 | 大类 | 中类 | 小类
export type Sector = 1 | 2 | 3; // 三次产业

export interface Industry {
  code: string;
  name: string;
  level: IndustryLevel;
  parentCode: string | null;
  sector: Sector;
  /** the 门类 letter (the code itself for a section) */
  sectionCode: string;
  /** the 2-digit 大类 (null for a section) */
  divisionCode: string | null;
}

export const INDUSTRY_STANDARD = 'GB/T 4754-2017';

interface SectionRow {
  code: string;
  name: string;
  sector: Sector;
  divisions: readonly (readonly [code: string, name: string])[];
}

const SECTION_ROWS: readonly SectionRow[] = [
  { code: 'A', name: '农、林、牧、渔业', sector: 1, divisions: [
    ['01', '农业'], ['02', '林业'], ['03', '畜牧业'], ['04', '渔业'], ['05', '农、林、牧、渔专业及辅助性活动'],
  ] },
  { code: 'B', name: '采矿业', sector: 2, divisions: [
    ['06', '煤炭开采和洗选业'], ['07', '石油和天然气开采业'], ['08', '黑色金属矿采选业'], ['09', '有色金属矿采选业'],
    ['10', '非金属矿采选业'], ['11', '开采专业及辅助性活动'], ['12', '其他采矿业'],
  ] },
  { code: 'C', name: '制造业', sector: 2, divisions: [
    ['13', '农副食品加工业'], ['14', '食品制造业'], ['15', '酒、饮料和精制茶制造业'], ['16', '烟草制品业'],
    ['17', '纺织业'], ['18', '纺织服装、服饰业'], ['19', '皮革、毛皮、羽毛及其制品和制鞋业'],
    ['20', '木材加工和木、竹、藤、棕、草制品业'], ['21', '家具制造业'], ['22', '造纸和纸制品业'],
    ['23', '印刷和记录媒介复制业'], ['24', '文教、工美、体育和娱乐用品制造业'], ['25', '石油、煤炭及其他燃料加工业'],
    ['26', '化学原料和化学制品制造业'], ['27', '医药制造业'], ['28', '化学纤维制造业'], ['29', '橡胶和塑料制品业'],
    ['30', '非金属矿物制品业'], ['31', '黑色金属冶炼和压延加工业'], ['32', '有色金属冶炼和压延加工业'],
    ['33', '金属制品业'], ['34', '通用设备制造业'], ['35', '专用设备制造业'], ['36', '汽车制造业'],
    ['37', '铁路、船舶、航空航天和其他运输设备制造业'], ['38', '电气机械和器材制造业'],
    ['39', '计算机、通信和其他电子设备制造业'], ['40', '仪器仪表制造业'], ['41', '其他制造业'],
    ['42', '废弃资源综合利用业'], ['43', '金属制品、机械和设备修理业'],
  ] },
  { code: 'D', name: '电力、热力、燃气及水生产和供应业', sector: 2, divisions: [
    ['44', '电力、热力生产和供应业'], ['45', '燃气生产和供应业'], ['46', '水的生产和供应业'],
  ] },
  { code: 'E', name: '建筑业', sector: 2, divisions: [
    ['47', '房屋建筑业'], ['48', '土木工程建筑业'], ['49', '建筑安装业'], ['50', '建筑装饰、装修和其他建筑业'],
  ] },
  { code: 'F', name: '批发和零售业', sector: 3, divisions: [['51', '批发业'], ['52', '零售业']] },
  { code: 'G', name: '交通运输、仓储和邮政业', sector: 3, divisions: [
    ['53', '铁路运输业'], ['54', '道路运输业'], ['55', '水上运输业'], ['56', '航空运输业'], ['57', '管道运输业'],
    ['58', '多式联运和运输代理业'], ['59', '装卸搬运和仓储业'], ['60', '邮政业'],
  ] },
  { code: 'H', name: '住宿和餐饮业', sector: 3, divisions: [['61', '住宿业'], ['62', '餐饮业']] },
  { code: 'I', name: '信息传输、软件和信息技术服务业', sector: 3, divisions: [
    ['63', '电信、广播电视和卫星传输服务'], ['64', '互联网和相关服务'], ['65', '软件和信息技术服务业'],
  ] },
  { code: 'J', name: '金融业', sector: 3, divisions: [
    ['66', '货币金融服务'], ['67', '资本市场服务'], ['68', '保险业'], ['69', '其他金融业'],
  ] },
  { code: 'K', name: '房地产业', sector: 3, divisions: [['70', '房地产业']] },
  { code: 'L', name: '租赁和商务服务业', sector: 3, divisions: [['71', '租赁业'], ['72', '商务服务业']] },
  { code: 'M', name: '科学研究和技术服务业', sector: 3, divisions: [
    ['73', '研究和试验发展'], ['74', '专业技术服务业'], ['75', '科技推广和应用服务业'],
  ] },
  { code: 'N', name: '水利、环境和公共设施管理业', sector: 3, divisions: [
    ['76', '水利管理业'], ['77', '生态保护和环境治理业'], ['78', '公共设施管理业'], ['79', '土地管理业'],
  ] },
  { code: 'O', name: '居民服务、修理和其他服务业', sector: 3, divisions: [
    ['80', '居民服务业'], ['81', '机动车、电子产品和日用产品修理业'], ['82', '其他服务业'],
  ] },
  { code: 'P', name: '教育', sector: 3, divisions: [['83', '教育']] },
  { code: 'Q', name: '卫生和社会工作', sector: 3, divisions: [['84', '卫生'], ['85', '社会工作']] },
  { code: 'R', name: '文化、体育和娱乐业', sector: 3, divisions: [
    ['86', '新闻和出版业'], ['87', '广播、电视、电影和录音制作业'], ['88', '文化艺术业'], ['89', '体育'], ['90', '娱乐业'],
  ] },
  { code: 'S', name: '公共管理、社会保障和社会组织', sector: 3, divisions: [
    ['91', '中国共产党机关'], ['92', '国家机构'], ['93', '人民政协、民主党派'], ['94', '社会保障'],
    ['95', '群众团体、社会团体和其他成员组织'], ['96', '基层群众自治组织及其他组织'],
  ] },
  { code: 'T', name: '国际组织', sector: 3, divisions: [['97', '国际组织']] },
];

/** Divisions that 《三次产业划分规定》 moves to 第三产业 out of a section of another sector. */
const TERTIARY_EXCEPTIONS: ReadonlySet<string> = new Set(['05', '11', '43']);

const GROUPS_AND_CLASSES_BY_DIVISION: ReadonlyMap<string, readonly (readonly [string, string])[]> = (() => {
  const map = new Map<string, (readonly [string, string])[]>();
  for (const row of INDUSTRY_GROUPS_AND_CLASSES) {
    const list = map.get(row[0].slice(0, 2)) ?? [];
    list.push(row);
    map.set(row[0].slice(0, 2), list);
  }
  return map;
})();

function expandSection(row: SectionRow): Industry[] {
  const section: Industry = { code: row.code, name: row.name, level: 'section', parentCode: null, sector: row.sector, sectionCode: row.code, divisionCode: null };
  return [
    section,
    ...row.divisions.flatMap(([code, name]): Industry[] => {
      const sector = TERTIARY_EXCEPTIONS.has(code) ? 3 : row.sector;
      const below = (GROUPS_AND_CLASSES_BY_DIVISION.get(code) ?? []).map(([c, n]): Industry => ({
        code: c,
        name: n,
        level: c.length === 3 ? 'group' : 'class',
        parentCode: c.length === 3 ? code : c.slice(0, 3),
        sector,
        sectionCode: row.code,
        divisionCode: code,
      }));
      return [{ code, name, level: 'division', parentCode: row.code, sector, sectionCode: row.code, divisionCode: code }, ...below];
    }),
  ];
}

/** Every node in tree order: A, 01, 011, 0111 … 0119, 012 …, 05 …, B, 06 … T, 97, 970, 9700. */
export const INDUSTRIES: readonly Industry[] = Object.freeze(
  SECTION_ROWS.flatMap(expandSection).map((industry) => Object.freeze(industry)),
);

const INDUSTRY_BY_CODE: ReadonlyMap<string, Industry> = new Map(INDUSTRIES.map((i) => [i.code, i]));

/**
 * The node a code names, at any level. Accepts 'C', 'C36', '36', '361', '3611', 'C3611' (case and
 * surrounding spaces ignored); a section letter given with digits must be that code's section.
 */
export function findIndustry(code: string): Industry | undefined {
  const match = /^([A-T])?(\d{2,4})?$/.exec(code.trim().toUpperCase());
  if (!match) return undefined;
  const [, letter, digits] = match;
  if (digits === undefined) return letter === undefined ? undefined : INDUSTRY_BY_CODE.get(letter);
  const found = INDUSTRY_BY_CODE.get(digits);
  if (found === undefined || (letter !== undefined && found.sectionCode !== letter)) return undefined;
  return found;
}

/** A stored code's 门类 and 大类, for statistics that group at those levels; undefined if unknown. */
export function rollUpIndustry(code: string): { sectionCode: string; divisionCode: string | null; sector: Sector } | undefined {
  const found = INDUSTRY_BY_CODE.get(code);
  return found && { sectionCode: found.sectionCode, divisionCode: found.divisionCode, sector: found.sector };
}

/** The code and every code below it (a project filter on 36 takes 36, 361, 3611 …). Empty if unknown. */
export function listIndustryCodesUnder(code: string): string[] {
  const found = INDUSTRY_BY_CODE.get(code);
  if (!found) return [];
  if (found.level === 'section') return INDUSTRIES.filter((i) => i.sectionCode === code).map((i) => i.code);
  return INDUSTRIES.filter((i) => i.level !== 'section' && i.code.startsWith(code)).map((i) => i.code);
}

const INDUSTRY_BY_NAME: ReadonlyMap<string, Industry> = (() => {
  const map = new Map<string, Industry>();
  // tree order: the first node with a name is the broadest (房地产业 → K, not 70)
  for (const i of INDUSTRIES) if (!map.has(i.name)) map.set(i.name, i);
  return map;
})();

/** A code in any findIndustry style, or an exact official name (the broadest node of that name). */
export function resolveIndustry(input: string): Industry | undefined {
  const s = input.trim();
  return findIndustry(s) ?? INDUSTRY_BY_NAME.get(s);
}

let pinyinInitials: ReadonlyMap<string, string> | null = null;

/** Pinyin initials of each node's name ("qczzy" for 汽车制造业), computed once. */
export function industryPinyinInitials(): ReadonlyMap<string, string> {
  pinyinInitials ??= new Map(INDUSTRIES.map((i) => [i.code, toPinyinKeys(i.name).initials]));
  return pinyinInitials;
}

/**
 * Nodes matching a keyword, in tree order: a code (prefix, optionally with its section letter),
 * a part of the name, or a run of the name's pinyin initials ("qczc" finds 汽车整车制造).
 */
export function searchIndustries(keyword: string, limit = 50): Industry[] {
  const q = keyword.trim();
  if (q === '') return [];
  // one letter is a 门类, not the pinyin initial of half the table
  if (/^[A-Za-z]$/.test(q)) return INDUSTRIES.filter((i) => i.code === q.toUpperCase());
  const code = /^([A-Ta-t])?(\d{1,4})$/.exec(q);
  const initials = /^[a-z]+$/i.test(q) ? q.toLowerCase() : null;
  const keys = initials ? industryPinyinInitials() : null;
  const out: Industry[] = [];
  for (const i of INDUSTRIES) {
    const byCode = code !== null && i.level !== 'section' && i.code.startsWith(code[2] ?? '') && (code[1] === undefined || i.sectionCode === code[1].toUpperCase());
    if (byCode || i.name.includes(q) || (initials !== null && (keys?.get(i.code) ?? '').includes(initials))) {
      out.push(i);
      if (out.length >= limit) break;
    }
  }
  return out;
}
