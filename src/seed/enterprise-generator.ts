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

interface SectionVocabulary {
  /** 行业用语 in the name */
  words: readonly string[];
  /** 经营范围 phrases */
  scope: readonly string[];
  products: readonly string[];
}

const GENERAL_SCOPE = ['技术开发、技术咨询、技术服务', '货物进出口、技术进出口', '企业管理咨询', '信息咨询服务（不含许可类信息咨询服务）', '会议及展览服务'];

const VOCABULARY: Record<string, SectionVocabulary> = {
  A: {
    words: ['农业', '农牧', '生态农业', '种业', '果业', '林果', '畜牧', '棉业'],
    scope: ['农作物种植', '林果种植及销售', '牲畜饲养', '棉花种植及加工', '农产品初加工', '种子生产经营', '设施农业'],
    products: ['棉花', '红枣', '核桃', '葡萄', '番茄', '辣椒', '牛羊肉', '种子'],
  },
  B: {
    words: ['矿业', '能源', '煤业', '石油', '天然气'],
    scope: ['煤炭开采', '金属矿石开采', '石油和天然气开采', '非金属矿采选', '矿产资源勘查'],
    products: ['原煤', '铁精粉', '铜精矿', '天然气', '石灰石'],
  },
  C: {
    words: ['光伏', '新材料', '铝业', '化工', '机械', '电子', '纺织', '食品', '硅业', '新能源', '装备制造', '生物科技', '制药', '乳业', '建材', '钢铁', '汽车零部件', '电气'],
    scope: [
      '多晶硅、单晶硅的生产与销售', '光伏组件制造', '电解铝及铝制品生产', '铝基新材料研发', '化工产品生产（不含危险化学品）',
      '煤化工产品生产', '通用设备制造', '电子元器件制造', '棉纺织加工', '服装制造', '食品生产', '番茄酱加工', '乳制品生产',
      '葡萄酒生产', '药品生产', '水泥制品制造', '新型建材制造', '锂电池制造', '储能装置制造', '风电设备制造', '输配电及控制设备制造',
      '碳纤维复合材料制造', '汽车零部件及配件制造',
    ],
    products: ['多晶硅', '单晶硅片', '光伏组件', '电解铝', '铝合金型材', 'PVC', '烧碱', '煤制烯烃', '纱线', '番茄酱', '乳制品', '葡萄酒', '锂电池', '储能柜', '风机叶片', '变压器', '碳纤维', '水泥'],
  },
  D: {
    words: ['电力', '热力', '燃气', '水务', '新能源', '风电', '光电'],
    scope: ['发电业务', '风力发电', '太阳能发电技术服务', '热力生产和供应', '燃气经营', '自来水生产与供应', '储能技术服务'],
    products: ['电力', '热力', '天然气', '自来水'],
  },
  E: {
    words: ['建设', '建工', '路桥', '安装', '建筑'],
    scope: ['房屋建筑工程施工', '市政公用工程施工', '公路工程施工', '建筑装饰装修', '机电设备安装'],
    products: [],
  },
  F: {
    words: ['商贸', '贸易', '供应链', '商业', '电子商务', '进出口'],
    scope: ['日用百货销售', '农副产品销售', '五金产品批发', '建筑材料销售', '化工产品销售（不含许可类化工产品）', '食品销售', '跨境电商'],
    products: ['日用百货', '农副产品', '五金', '建材'],
  },
  G: {
    words: ['物流', '运输', '供应链', '国际物流', '冷链物流', '航空'],
    scope: ['道路货物运输', '国际货物运输代理', '仓储服务', '冷链物流服务', '多式联运', '装卸搬运'],
    products: [],
  },
  H: {
    words: ['酒店', '餐饮', '酒店管理'],
    scope: ['住宿服务', '餐饮服务', '酒店管理'],
    products: [],
  },
  I: {
    words: ['信息技术', '数据', '软件', '网络科技', '云计算', '数字科技', '智能科技'],
    scope: ['软件开发', '信息系统集成服务', '数据处理和存储支持服务', '互联网数据服务', '人工智能应用软件开发', '算力服务', '数据中心运营'],
    products: ['软件', '数据服务', '云服务', '算力'],
  },
  J: {
    words: ['投资', '金融', '融资租赁', '保险代理'],
    scope: ['以自有资金从事投资活动', '融资租赁业务', '保险代理业务'],
    products: [],
  },
  K: {
    words: ['置业', '房地产开发', '物业'],
    scope: ['房地产开发经营', '物业管理', '房地产经纪'],
    products: [],
  },
  L: {
    words: ['投资管理', '企业管理', '商务服务', '咨询'],
    scope: ['企业管理', '商务信息咨询', '市场营销策划', '人力资源服务'],
    products: [],
  },
  M: {
    words: ['科技', '检测', '设计', '研究院', '技术'],
    scope: ['工程和技术研究和试验发展', '检验检测服务', '工程设计', '新材料技术研发', '生物技术研发'],
    products: ['检测报告', '技术服务'],
  },
};
const OTHER_VOCABULARY: SectionVocabulary = {
  words: ['服务', '文化传媒', '旅游', '教育科技', '健康管理', '环保科技', '科技'],
  scope: ['文化艺术交流活动', '旅游业务', '健康咨询服务（不含诊疗服务）', '环境保护专用设备销售', '组织文化艺术交流活动'],
  products: [],
};

const FORMS: readonly { w: number; v: string }[] = [
  { w: 62, v: '有限公司' },
  { w: 14, v: '有限责任公司' },
  { w: 10, v: '股份有限公司' },
  { w: 4, v: '集团有限公司' },
  { w: 3, v: '科技有限公司' },
  { w: 2, v: '分公司' },
];

const STATUSES: readonly { w: number; v: EnterpriseStatus }[] = [
  { w: 70, v: 'existing' },
  { w: 15, v: 'operating' },
  { w: 7, v: 'revoked' },
  { w: 6, v: 'deregistered' },
  { w: 1, v: 'movedOut' },
  { w: 0.5, v: 'suspended' },
  { w: 0.5, v: 'liquidating' },
];

/** tag → probability per enterprise (roughly a national registry's rates) */
const TAG_RATES: readonly [string, number][] = [
  ['世界500强', 0.0002],
  ['中国500强', 0.0008],
  ['中国民营500强', 0.0008],
  ['央企', 0.003],
  ['上市', 0.006],
  ['高新技术', 0.05],
  ['专精特新', 0.012],
  ['小巨人', 0.0015],
  ['独角兽', 0.0002],
  ['瞪羚', 0.003],
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

function creditCodeFor(index: number, regionCode: string, rng: Rng): string {
  const body = orgBody(index);
  const first17 = `9${rng.chance(0.9) ? '1' : '2'}${regionCode}${body}${computeOrgCheck(body)}`;
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

/** registered capital: log-normal around ~500万元, from 10万元 to ~200亿元, in whole 万元 */
function capital(rng: Rng): bigint | null {
  if (rng.chance(0.03)) return null;
  const u = (rng.next() + rng.next() + rng.next() + rng.next() - 2) * 1.73; // ~N(0,1)
  const wan = Math.round(Math.min(2_000_000, Math.max(10, Math.exp(Math.log(500) + 1.9 * u))));
  return BigInt(wan) * 10_000n;
}

function dateBetween(rng: Rng, fromYear: number, toYear: number): string {
  const y = rng.int(fromYear, toYear);
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// ---------------------------------------------------------------- the generator

export function generateEnterprise(index: number, opts: Omit<GenerateEnterprisesOptions, 'count' | 'startIndex'>): GeneratedEnterprise {
  const rng = createRng(((opts.seed ?? 20260101) ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const regionCode = rng.pick(opts.regionCodes);
  const industryCode = opts.industryCodes.length > 0 && !rng.chance(0.04) ? rng.pick(opts.industryCodes) : null;
  const vocab = (industryCode && VOCABULARY[sectionOfIndustry(industryCode)]) || OTHER_VOCABULARY;
  const trade = tradeName(rng);
  const word = rng.pick(vocab.words);
  const drawn = rng.weighted(FORMS);
  const form = drawn === '科技有限公司' && word.endsWith('科技') ? '有限公司' : drawn;
  const prefix = namePrefix(regionCode, rng);
  const name = form === '分公司' ? `${prefix}${trade}${word}有限公司${rng.pick(['乌鲁木齐', '昌吉', '哈密', '喀什'])}分公司` : `${prefix}${trade}${word}${form}`;
  const formerNames = rng.chance(0.06) ? [`${prefix}${tradeName(rng)}${rng.pick(vocab.words)}有限公司`] : [];

  const tags: string[] = [];
  for (const [tag, p] of TAG_RATES) if (rng.chance(p)) tags.push(tag);
  const capitalYuan = capital(rng);
  // the listed and the big carry bigger capital
  const bigCapital = tags.some((t) => t === '上市' || t === '央企' || t.endsWith('500强')) && capitalYuan !== null ? capitalYuan * 50n : capitalYuan;
  const listed = tags.includes('上市');
  const scope = [...pickSome(rng, vocab.scope, 2, 5), ...pickSome(rng, GENERAL_SCOPE, 0, 2)];
  const products = pickSome(rng, vocab.products, 0, 3);
  const status = rng.weighted(STATUSES);
  const revenueBands: readonly RevenueBand[] = ['lt10m', '10m-100m', '100m-1b', '1b-10b', 'ge10b'];
  return {
    creditCode: creditCodeFor(index, regionCode, rng),
    name,
    formerNames,
    regionCode,
    industryCode,
    registeredCapitalYuan: bigCapital,
    establishedOn: rng.chance(0.98) ? dateBetween(rng, 1990, 2025) : null,
    status,
    ticker: listed ? `${rng.pick(['600', '601', '603', '000', '002', '300', '688'])}${String(rng.int(0, 999)).padStart(3, '0')}.${rng.chance(0.5) ? 'SH' : 'SZ'}` : null,
    businessScope: `${scope.join('；')}。（依法须经批准的项目，经相关部门批准后方可开展经营活动）`,
    mainProducts: products.length > 0 ? products.join('、') : null,
    tags,
    website: rng.chance(0.25) ? `https://www.${Array.from({ length: rng.int(4, 8) }, () => rng.pick([...'abcdefghjkmnpqrstwxyz'])).join('')}.com.cn` : null,
    parentGroup: rng.chance(0.04) ? rng.pick(GROUPS) : null,
    employees: rng.chance(0.4) ? Math.max(1, Math.round(Math.exp(rng.next() * 8))) : null,
    revenueBand: rng.chance(0.3) ? rng.weighted(revenueBands.map((v, i) => ({ w: [50, 30, 14, 5, 1][i] ?? 1, v }))) : null,
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
