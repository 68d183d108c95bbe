/**
 * Generated enterprises that look like a registry extract: names built the way Chinese company
 * names are (行政区划 + 字号 + 行业 + 组织形式, e.g. 新疆金泰光伏科技有限公司), business scopes and
 * products that fit the industry, valid credit codes, and tag rates near those of a real registry
 * (高新技术 a few percent, 世界500强 a handful in a million). Deterministic: the record at index i is
 * the same for the same seed, so a bench can regenerate rows "with newer data" and demo data is
 * stable. Used by the demo seed and the enterprise benches.
 */
import { computeFinalCheck, computeOrgCheck } from '../domain/credit-code';
import { ENTERPRISE_STATUS_LABELS, REVENUE_BAND_LABELS, type EnterpriseStatus, type RevenueBand } from '../domain/enterprise-status';
import { SHOP_DIVISIONS, SHOP_THEMES, vocabularyOf, type Theme } from './industry-vocabulary';
import { createRng, type Rng } from './random';

export interface GeneratedEnterprise {
  creditCode: string;
  name: string;
  formerNames: string[];
  regionCode: string;
  industryCode: string | null;
  registeredCapitalYuan: bigint | null;
  establishedOn: string | null;
  status: EnterpriseStatus;
  ticker: string | null;
  businessScope: string;
  mainProducts: string | null;
  tags: string[];
  website: string | null;
  parentGroup: string | null;
  employees: number | null;
  revenueBand: RevenueBand | null;
}

export interface GenerateEnterprisesOptions {
  count: number;
  /** default 20260101 */
  seed?: number;
  /** the index of the first record (records are a function of seed and index); default 0 */
  startIndex?: number;
  /** registered regions to draw from (county-level codes look most real) */
  regionCodes: readonly string[];
  /** stored industry codes (门类 letters and/or 2-digit 大类) to draw from */
  industryCodes: readonly string[];
  /** the smallest size class to draw (the demo projects' investors are no micro firms); default micro */
  sizeAtLeast?: EnterpriseSize;
  /**
   * 大类 → its 小类 codes: when given, a drawn 大类 is stored as one of its 小类, as registries record
   * them (the words still come from the 大类); drawn apart from the record's other values
   */
  classCodes?: ReadonlyMap<string, readonly string[]>;
}

// ---------------------------------------------------------------- vocabulary

/** 省级简称 by the first two digits of a region code, for the name prefix */
const PROVINCE_PREFIX: Record<string, string> = {
  '11': '北京', '12': '天津', '13': '河北', '14': '山西', '15': '内蒙古', '21': '辽宁', '22': '吉林', '23': '黑龙江',
  '31': '上海', '32': '江苏', '33': '浙江', '34': '安徽', '35': '福建', '36': '江西', '37': '山东', '41': '河南',
  '42': '湖北', '43': '湖南', '44': '广东', '45': '广西', '46': '海南', '50': '重庆', '51': '四川', '52': '贵州',
  '53': '云南', '54': '西藏', '61': '陕西', '62': '甘肃', '63': '青海', '64': '宁夏', '65': '新疆', '71': '台湾',
  '81': '香港', '82': '澳门',
};
/** well-known cities by prefecture code, used instead of the province in some names */
const CITY_PREFIX: Record<string, string> = {
  '6501': '乌鲁木齐', '6502': '克拉玛依', '6504': '吐鲁番', '6505': '哈密', '6523': '昌吉', '6527': '博州', '6528': '巴州',
  '6529': '阿克苏', '6531': '喀什', '6532': '和田', '6540': '伊犁', '4403': '深圳', '4401': '广州', '3201': '南京',
  '3205': '苏州', '3301': '杭州', '3302': '宁波', '3702': '青岛', '5101': '成都', '4201': '武汉', '6101': '西安',
  '3502': '厦门', '4101': '郑州', '4301': '长沙', '3401': '合肥',
};

const TRADE_CHARS = [
  ...'金泰华鑫恒瑞隆宏远兴盛达通天润新科创博海源嘉信德丰汇中国安康宇宸昊晟辉耀明光正合利和祥福永昌荣茂东西南北阳晨星',
  ...'云峰岳川江河湖山石林森禾谷粮棉丝绸玉晶钰铭锦绣龙凤鹏飞腾骏驰卓越卫拓展宁静雅致诚朴实旭日瀚瑾璟琨瑜琪',
];
const TRADE_WORDS = ['其亚', '特变', '中泰', '金风', '天润', '广汇', '新特', '天业', '众和', '立昂', '百花', '西部', '丝路', '天山', '昆仑', '雪莲', '胡杨', '红柳', '戈壁', '绿洲'];

/**
 * Size classes: registered capital (万元), employees and revenue move together. Most enterprises
 * are micro (capital 10万–500万, a handful of people); the large and the giant are rare and carry
 * the listed and top-investor tags.
 */
export type EnterpriseSize = 'micro' | 'small' | 'medium' | 'large' | 'giant';
const SIZE_ORDER: readonly EnterpriseSize[] = ['micro', 'small', 'medium', 'large', 'giant'];

interface SizeClass {
  /** registered capital, 万元 */
  capital: readonly [number, number];
  employees: readonly [number, number];
  revenue: readonly RevenueBand[];
  forms: readonly { w: number; v: string }[];
  /** the earliest and latest year of registration, and how strongly the recent years dominate */
  years: readonly [number, number, number];
  statuses: readonly { w: number; v: EnterpriseStatus }[];
  website: number;
}

const SMALL_STATUSES: readonly { w: number; v: EnterpriseStatus }[] = [
  { w: 72, v: 'existing' },
  { w: 12, v: 'operating' },
  { w: 7, v: 'revoked' },
  { w: 7, v: 'deregistered' },
  { w: 1, v: 'movedOut' },
  { w: 0.5, v: 'suspended' },
  { w: 0.5, v: 'liquidating' },
];
const BIG_STATUSES: readonly { w: number; v: EnterpriseStatus }[] = [
  { w: 88, v: 'existing' },
  { w: 10, v: 'operating' },
  { w: 1, v: 'movedOut' },
  { w: 1, v: 'liquidating' },
];

const SIZE_CLASSES: Record<EnterpriseSize, SizeClass> = {
  micro: {
    capital: [10, 500], employees: [1, 20], revenue: ['lt10m'], years: [1995, 2025, 2.2], statuses: SMALL_STATUSES, website: 0.1,
    forms: [{ w: 80, v: '有限公司' }, { w: 18, v: '有限责任公司' }, { w: 2, v: '分公司' }],
  },
  small: {
    capital: [100, 2000], employees: [10, 100], revenue: ['lt10m', '10m-100m'], years: [1992, 2025, 1.6], statuses: SMALL_STATUSES, website: 0.3,
    forms: [{ w: 70, v: '有限公司' }, { w: 20, v: '有限责任公司' }, { w: 5, v: '股份有限公司' }, { w: 5, v: '分公司' }],
  },
  medium: {
    capital: [1000, 10_000], employees: [100, 1000], revenue: ['10m-100m', '100m-1b'], years: [1990, 2024, 1.2], statuses: BIG_STATUSES, website: 0.6,
    forms: [{ w: 50, v: '有限公司' }, { w: 20, v: '有限责任公司' }, { w: 25, v: '股份有限公司' }, { w: 5, v: '分公司' }],
  },
  large: {
    capital: [5000, 100_000], employees: [500, 5000], revenue: ['100m-1b', '1b-10b'], years: [1985, 2020, 1], statuses: BIG_STATUSES, website: 0.9,
    forms: [{ w: 30, v: '有限公司' }, { w: 45, v: '股份有限公司' }, { w: 20, v: '集团有限公司' }, { w: 5, v: '分公司' }],
  },
  giant: {
    capital: [100_000, 2_000_000], employees: [3000, 100_000], revenue: ['1b-10b', 'ge10b'], years: [1980, 2015, 1], statuses: BIG_STATUSES, website: 1,
    forms: [{ w: 10, v: '有限公司' }, { w: 50, v: '股份有限公司' }, { w: 40, v: '集团有限公司' }],
  },
};

const SIZES: readonly { w: number; v: EnterpriseSize }[] = [
  { w: 72, v: 'micro' },
  { w: 20, v: 'small' },
  { w: 6, v: 'medium' },
  { w: 1.7, v: 'large' },
  { w: 0.3, v: 'giant' },
];
/** 个体工商户: a share of the registry (credit code 92…), tiny: 资金数额 1万–50万, 1–8 people */
const INDIVIDUAL_RATE = 0.1;
const INDIVIDUAL = { capital: [1, 50] as const, employees: [1, 8] as const };
const INDIVIDUAL_STATUSES: readonly { w: number; v: EnterpriseStatus }[] = [
  { w: 80, v: 'existing' },
  { w: 8, v: 'operating' },
  { w: 10, v: 'deregistered' },
  { w: 2, v: 'revoked' },
];

/** tag → probability per enterprise of a size; the technology tags only in technology industries */
const TAG_RATES: readonly { tag: string; tech?: boolean; p: Partial<Record<EnterpriseSize, number>> }[] = [
  { tag: '世界500强', p: { giant: 0.05 } },
  { tag: '中国500强', p: { giant: 0.2 } },
  { tag: '中国民营500强', p: { giant: 0.15 } },
  { tag: '央企', p: { large: 0.08, giant: 0.25 } },
  { tag: '上市', p: { medium: 0.005, large: 0.15, giant: 0.5 } },
  { tag: '高新技术', tech: true, p: { micro: 0.06, small: 0.25, medium: 0.35, large: 0.4, giant: 0.4 } },
  { tag: '专精特新', tech: true, p: { small: 0.06, medium: 0.1 } },
  { tag: '小巨人', tech: true, p: { medium: 0.03, large: 0.02 } },
  { tag: '独角兽', tech: true, p: { large: 0.01 } },
  { tag: '瞪羚', tech: true, p: { small: 0.01, medium: 0.03 } },
];

const GROUPS = ['中国石油天然气集团有限公司', '国家电网有限公司', '中国建材集团有限公司', '特变电工股份有限公司', '新疆广汇实业投资（集团）有限责任公司', '中国中化控股有限责任公司', '华为技术有限公司', '比亚迪股份有限公司', '隆基绿能科技股份有限公司', '宁德时代新能源科技股份有限公司'];

const CODE_CHARS = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];

// ---------------------------------------------------------------- helpers

/** the section letter of a stored industry code (a letter, or a 2-digit 大类) */
export function sectionOfIndustry(code: string): string {
  if (/^[A-T]$/.test(code)) return code;
  const n = Number(code.slice(0, 2));
  const ranges: [number, string][] = [
    [5, 'A'], [12, 'B'], [43, 'C'], [46, 'D'], [50, 'E'], [52, 'F'], [60, 'G'], [62, 'H'], [65, 'I'], [69, 'J'],
    [70, 'K'], [72, 'L'], [75, 'M'], [79, 'N'], [82, 'O'], [83, 'P'], [85, 'Q'], [90, 'R'], [96, 'S'], [97, 'T'],
  ];
  for (const [max, letter] of ranges) if (n <= max) return letter;
  return 'T';
}

/** a unique organisation-code body per index: "MA" + 6 base-31 digits (the post-2015 form), else 8 digits */
function orgBody(index: number): string {
  let n = index;
  let out = '';
  for (let i = 0; i < 6; i++) {
    out = (CODE_CHARS[n % 31] as string) + out;
    n = Math.floor(n / 31);
  }
  // beyond 31^6 (887 M) indexes the MA form repeats; spill into the older all-digit form
  return n === 0 ? `MA${out}` : String(index).padStart(8, '0').slice(-8);
}

/** 9 = 市场监管 registered; 1 = 企业, 2 = 个体工商户 */
function creditCodeFor(index: number, regionCode: string, individual: boolean): string {
  const body = orgBody(index);
  const first17 = `9${individual ? '2' : '1'}${regionCode}${body}${computeOrgCheck(body)}`;
  return `${first17}${computeFinalCheck(first17)}`;
}

function tradeName(rng: Rng): string {
  if (rng.chance(0.08)) return rng.pick(TRADE_WORDS);
  const a = rng.pick(TRADE_CHARS);
  let b = rng.pick(TRADE_CHARS);
  if (b === a) b = rng.pick(TRADE_CHARS);
  return rng.chance(0.12) ? `${a}${b}${rng.pick(TRADE_CHARS)}` : `${a}${b}`;
}

function namePrefix(regionCode: string, rng: Rng): string {
  const city = CITY_PREFIX[regionCode.slice(0, 4)];
  const province = PROVINCE_PREFIX[regionCode.slice(0, 2)] ?? '';
  const r = rng.next();
  if (city && r < 0.45) return city;
  if (r < 0.9) return province;
  return ''; // some names carry no place
}

function pickSome<T>(rng: Rng, list: readonly T[], min: number, max: number): T[] {
  if (list.length === 0) return [];
  const n = Math.min(list.length, rng.int(min, max));
  const chosen = new Set<T>();
  while (chosen.size < n) chosen.add(rng.pick(list));
  return [...chosen];
}

const GENERAL_SCOPE = ['信息咨询服务（不含许可类信息咨询服务）', '货物进出口', '技术进出口', '企业管理咨询'];
/** the registry's closing formula (the search keys leave it out: src/search/enterprise-search-keys.ts) */
const SCOPE_TAIL = '。（依法须经批准的项目，经相关部门批准后方可开展经营活动）';

/** a number drawn between min and max on a log scale at position u ∈ [0, 1] */
function logBetween(min: number, max: number, u: number): number {
  return Math.exp(Math.log(min) + (Math.log(max) - Math.log(min)) * Math.min(1, Math.max(0, u)));
}

/** capital as registered: two significant figures, often one (100万, 500万, 3000万) */
function roundCapital(wan: number, rng: Rng): number {
  const digits = rng.chance(0.55) ? 1 : 2;
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(wan)) - digits + 1);
  return Math.max(1, Math.round(wan / unit) * unit);
}

function dateIn(rng: Rng, [from, to, skew]: readonly [number, number, number]): string {
  // the recent years dominate (registrations have grown every year since the 2014 商事制度改革)
  const y = to - Math.floor((to - from + 1) * rng.next() ** skew);
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** the industry codes weighted by their share of a registry, per list of codes (cached: the bench draws a million) */
const drawCache = new WeakMap<readonly string[], { codes: string[]; cumulative: number[]; shops: { codes: string[]; cumulative: number[] } }>();
function industryDraw(codes: readonly string[]) {
  let d = drawCache.get(codes);
  if (!d) {
    const build = (list: readonly string[]) => {
      const weights = list.map((c) => vocabularyOf(c).weight);
      const usable = weights.some((w) => w > 0) ? weights : list.map(() => 1);
      let sum = 0;
      return { codes: [...list], cumulative: usable.map((w) => (sum += w)) };
    };
    d = { ...build(codes), shops: build(codes.filter((c) => SHOP_DIVISIONS.includes(c.slice(0, 2)))) };
    drawCache.set(codes, d);
  }
  return d;
}
function drawWeighted(rng: Rng, d: { codes: string[]; cumulative: number[] }): string | null {
  const total = d.cumulative[d.cumulative.length - 1];
  if (total === undefined) return null;
  const r = rng.next() * total;
  let lo = 0;
  let hi = d.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((d.cumulative[mid] as number) > r) hi = mid;
    else lo = mid + 1;
  }
  return d.codes[lo] ?? null;
}

/** A 2-digit 大类 as one of its 小类 when the options give them (its own random stream: the other values stay as they were). */
function refineToClass(code: string, index: number, opts: Pick<GenerateEnterprisesOptions, 'seed' | 'classCodes'>): string {
  const classes = opts.classCodes?.get(code);
  if (!classes || classes.length === 0) return code;
  const rng = createRng(((opts.seed ?? 20260101) ^ Math.imul(index + 1, 0x85ebca6b) ^ 0x5bd1e995) >>> 0);
  return rng.pick(classes);
}

// ---------------------------------------------------------------- the generator

export function generateEnterprise(index: number, opts: Omit<GenerateEnterprisesOptions, 'count' | 'startIndex'>): GeneratedEnterprise {
  const rng = createRng(((opts.seed ?? 20260101) ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const regionCode = rng.pick(opts.regionCodes);
  const draw = industryDraw(opts.industryCodes);
  const minSize = SIZE_ORDER.indexOf(opts.sizeAtLeast ?? 'micro');
  const individual = minSize === 0 && draw.shops.codes.length > 0 && rng.chance(INDIVIDUAL_RATE);
  const industryCode = individual ? drawWeighted(rng, draw.shops) : minSize === 0 && rng.chance(0.04) ? null : drawWeighted(rng, draw);
  // an enterprise without a recorded industry still works in one: its words come from a common trade
  const vocab = vocabularyOf(industryCode ?? rng.pick(['51', '52', '72', '75']));
  const storedIndustry = industryCode ? refineToClass(industryCode, index, opts) : null;
  let size: EnterpriseSize = individual ? 'micro' : rng.weighted(SIZES);
  if (SIZE_ORDER.indexOf(size) < minSize) size = SIZE_ORDER[minSize] as EnterpriseSize;
  const cls = SIZE_CLASSES[size];

  const trade = tradeName(rng);
  const prefix = namePrefix(regionCode, rng);
  let name: string;
  let formerNames: string[] = [];
  let theme: { scope: readonly string[]; products: readonly string[] } = vocab;
  if (individual) {
    const shop = rng.pick(vocab.shops ?? vocab.words);
    theme = SHOP_THEMES[shop] ?? vocab;
    name = `${CITY_PREFIX[regionCode.slice(0, 4)] ?? ''}${trade}${shop}`;
  } else {
    if (vocab.themes) theme = rng.pick(vocab.themes);
    const themeWords = vocab.themes ? (theme as Theme).words : vocab.words;
    const word = rng.pick(themeWords);
    const drawn = rng.weighted(cls.forms);
    const form = drawn === '有限公司' && vocab.tech && !word.endsWith('科技') && !word.endsWith('技术') && rng.chance(0.4) ? '科技有限公司' : drawn;
    name = form === '分公司' ? `${prefix}${trade}${word}有限公司${rng.pick(['乌鲁木齐', '昌吉', '哈密', '喀什', '伊犁'])}分公司` : `${prefix}${trade}${word}${form}`;
    if (rng.chance(0.06)) formerNames = [`${prefix}${tradeName(rng)}${rng.pick(themeWords)}有限公司`];
  }

  const tags: string[] = [];
  if (!individual) {
    for (const t of TAG_RATES) {
      const p = t.tech && !vocab.tech ? 0 : (t.p[size] ?? 0);
      if (p > 0 && rng.chance(p)) tags.push(t.tag);
    }
  }
  // one position within the size class drives capital, people and revenue together
  const u = rng.next();
  const capitalRange = individual ? INDIVIDUAL.capital : cls.capital;
  const employeeRange = individual ? INDIVIDUAL.employees : cls.employees;
  const capitalWan = roundCapital(logBetween(capitalRange[0], capitalRange[1], u), rng);
  const employees = Math.round(logBetween(employeeRange[0], employeeRange[1], u + (rng.next() - 0.5) * 0.4));
  const revenue = individual ? 'lt10m' : (cls.revenue[Math.min(cls.revenue.length - 1, Math.floor(u * cls.revenue.length + (rng.next() - 0.5) * 0.6))] ?? cls.revenue[0] ?? null);

  const scope = [...pickSome(rng, theme.scope, individual ? 1 : 2, individual ? 3 : 5), ...(!individual && rng.chance(0.25) ? [rng.pick(GENERAL_SCOPE)] : [])];
  const products = pickSome(rng, theme.products, theme.products.length > 0 ? 1 : 0, 2);
  const listed = tags.includes('上市');
  const status = listed || tags.length > 0 ? 'existing' : rng.weighted(individual ? INDIVIDUAL_STATUSES : cls.statuses);
  return {
    creditCode: creditCodeFor(index, regionCode, individual),
    name,
    formerNames,
    regionCode,
    industryCode: storedIndustry,
    registeredCapitalYuan: rng.chance(0.03) ? null : BigInt(capitalWan) * 10_000n,
    establishedOn: rng.chance(0.98) ? dateIn(rng, individual ? [2005, 2025, 1.8] : cls.years) : null,
    status,
    ticker: listed ? `${rng.pick(['600', '601', '603', '000', '002', '300', '688'])}${String(rng.int(0, 999)).padStart(3, '0')}.${rng.chance(0.5) ? 'SH' : 'SZ'}` : null,
    businessScope: `${scope.join('；')}${SCOPE_TAIL}`,
    mainProducts: products.length > 0 ? products.join('、') : null,
    tags,
    website: !individual && rng.chance(cls.website) ? `https://www.${Array.from({ length: rng.int(4, 8) }, () => rng.pick([...'abcdefghjkmnpqrstwxyz'])).join('')}.com.cn` : null,
    parentGroup: (size === 'large' || size === 'giant') && rng.chance(0.3) ? rng.pick(GROUPS) : size === 'medium' && rng.chance(0.05) ? rng.pick(GROUPS) : null,
    employees: rng.chance(size === 'micro' ? 0.65 : 0.9) ? Math.max(1, employees) : null,
    revenueBand: rng.chance(individual ? 0.2 : 0.5) ? revenue : null,
  };
}

export function* generateEnterprises(opts: GenerateEnterprisesOptions): Generator<GeneratedEnterprise> {
  if (opts.regionCodes.length === 0) throw new Error('generateEnterprises: regionCodes is empty');
  const start = opts.startIndex ?? 0;
  for (let i = start; i < start + opts.count; i++) yield generateEnterprise(i, opts);
}

// ---------------------------------------------------------------- as an import file

/** The 企业 columns of the import format (DESIGN.md, extended for the enterprise database). */
export const ENTERPRISE_FILE_HEADERS = [
  '统一社会信用代码',
  '企业名称',
  '注册地区代码',
  '行业代码',
  '注册资本(万元)',
  '成立日期',
  '标签',
  '经营范围',
  '曾用名',
  '经营状态',
  '股票代码',
  '主要产品',
  '网站',
  '所属集团',
  '员工人数',
  '营收规模',
  '数据来源',
  '数据日期',
] as const;

/** One generated enterprise as import-file cells (header → text); amounts in 万元. */
export function toEnterpriseFileCells(e: GeneratedEnterprise, source = '企业登记信息（生成）', sourceDate = ''): Record<(typeof ENTERPRISE_FILE_HEADERS)[number], string> {
  return {
    统一社会信用代码: e.creditCode,
    企业名称: e.name,
    注册地区代码: e.regionCode,
    行业代码: e.industryCode ?? '',
    '注册资本(万元)': e.registeredCapitalYuan === null ? '' : String(e.registeredCapitalYuan / 10_000n),
    成立日期: e.establishedOn ?? '',
    标签: e.tags.join('、'),
    经营范围: e.businessScope,
    曾用名: e.formerNames.join('、'),
    经营状态: ENTERPRISE_STATUS_LABELS[e.status],
    股票代码: e.ticker ?? '',
    主要产品: e.mainProducts ?? '',
    网站: e.website ?? '',
    所属集团: e.parentGroup ?? '',
    员工人数: e.employees === null ? '' : String(e.employees),
    营收规模: e.revenueBand ? REVENUE_BAND_LABELS[e.revenueBand] : '',
    数据来源: source,
    数据日期: sourceDate,
  };
}
