/**
 * Demo pipeline (issue 3 point 14): about 300 projects in the demo prefecture 乌鲁木齐市, its
 * counties and the two demo parks, across every stage, with investors (valid credit codes), 五个一
 * teams and plans, stage history, two years of monthly fund receipts, problems and service items,
 * and progress dates that give a realistic mix of lights.
 *
 * Deterministic: a seeded generator, no Math.random; the same `today` gives the same data. Dates are
 * placed relative to `today` (default: today in Asia/Shanghai) so the lights stay mixed whenever a
 * newcomer starts the demo; the receipt window is the 22 months before today's month (on
 * 2026-11-21: 2025-01 … 2026-10). Everything is written in one transaction with multi-row inserts,
 * with one audit row. Idempotent: nothing happens when a project code starting with 'DEMO-' exists.
 */
import { createHash } from 'node:crypto';
import { inArray, like, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
  enterprises,
  fundReceipts,
  projectMilestones,
  projectProblems,
  projects,
  projectStageHistory,
  projectTeamMembers,
  regions,
  serviceItems,
  users,
} from '../db/schema/index';
import { computeFinalCheck, computeOrgCheck } from '../domain/credit-code';
import { todayInShanghai } from '../domain/dates';
import type { Light } from '../domain/project-light';
import { createRng, type Rng } from './random';
import type { Likelihood, ProjectStage } from '../domain/project-stages';
import { addWorkingDays, shiftDate } from '../domain/working-days';
import { recordAudit } from '../services/audit/audit';
import { loadWorkingCalendar } from '../services/calendar';
import { createSystemCaller, type Deps } from '../services/context';
import type { ProjectSource } from '../services/projects/projects';
import type { ServiceItemType } from '../services/projects/service-items';

export const DEMO_PROJECT_PREFIX = 'DEMO-';
/** projects per stage (线索 15%, 在谈 20%, 签约 20%, 开工 20%, 投产 20%, 终止 5%) */
export const DEMO_STAGE_COUNTS: Record<ProjectStage, number> = { lead: 45, negotiating: 60, signed: 60, started: 60, operating: 60, terminated: 15 };
/** among the 225 projects whose light can change (not operating, not terminated) */
const LIGHT_COUNTS = { red: 30, yellow: 45 };
const BIG_SIGNED = { over10: 8, over50: 3 };
const PROBLEM_PROJECTS = 40;
const SERVICE_PROJECTS = 60;
const BATCH = 500;
const SEED = 20261121;

export interface DemoProjectCounts {
  projects: number;
  byStage: Record<string, number>;
  enterprises: number;
  fundReceipts: number;
  verifiedReceipts: number;
  problems: number;
  serviceItems: number;
  milestones: number;
  teamMembers: number;
  stageHistory: number;
}

// ---------------------------------------------------------------- generator


/** a stable UUID per record, so the same seed gives the same ids */
function demoUuid(kind: string, n: number): string {
  const h = createHash('sha256').update(`yinfeng-demo:${kind}:${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h.charAt(16), 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const CODE_CHARS = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];
const DIGITS = [...'0123456789'];

/** 统一社会信用代码 of an enterprise (登记管理部门 9 = 市场监管, 类别 1 = 企业) registered in `regionCode` */
export function makeCreditCode(rng: Rng, regionCode: string): string {
  const body = rng.chance(0.7)
    ? `MA${Array.from({ length: 6 }, () => rng.pick(CODE_CHARS)).join('')}`
    : Array.from({ length: 8 }, () => rng.pick(DIGITS)).join('');
  const first17 = `91${regionCode}${body}${computeOrgCheck(body)}`;
  return `${first17}${computeFinalCheck(first17)}`;
}

// ---------------------------------------------------------------- dates

const addDays = (d: string, n: number) => shiftDate(d, n);
const minDate = (...d: string[]) => d.reduce((a, b) => (a < b ? a : b));
const maxDate = (...d: string[]) => d.reduce((a, b) => (a > b ? a : b));
function addMonths(month: string, k: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + k;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}
function at(date: string, hour = 10, minute = 0): Date {
  const t = new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);
  // never in the future: seeded early in the morning, "today at 19:00" has not happened yet
  return t.getTime() > Date.now() ? new Date(Date.now() - 60_000) : t;
}

// ---------------------------------------------------------------- reference lists

const MIDONG = '650109';
const TIANSHAN = '650102';
const PARK_MIDONG = '650109001';
const PARK_ETDZ = '650100001';
const PREFECTURE = '650100';

interface Template {
  industry: string;
  word: string;
  names: string[];
  where: string[];
  big?: boolean;
  w: number;
}

/** industries of 乌鲁木齐 with GB/T 4754-2017 division codes (as stored: two digits) */
const TEMPLATES: Template[] = [
  { industry: '26', word: '化工', w: 4, big: true, where: [MIDONG, PARK_MIDONG, PARK_MIDONG, PARK_ETDZ], names: ['年产{60|80|100}万吨煤制烯烃项目', '{30|40|60}万吨/年煤制乙二醇项目', '{20|30|50}万吨/年聚氯乙烯及配套烧碱项目', '{10|15|20}万吨/年煤焦油深加工项目', '精细化工及化工新材料项目', '{5|10}万吨/年可降解材料（PBAT）项目'] },
  { industry: '25', word: '能源', w: 1, big: true, where: [MIDONG, PARK_MIDONG], names: ['煤炭分质分级利用示范项目', '{100|200}万吨/年兰炭及煤焦油加氢项目'] },
  { industry: '32', word: '铝业', w: 4, big: true, where: [PARK_ETDZ, '650106', MIDONG, '650104'], names: ['年产{10|20|30}万吨高精度铝板带箔项目', '铝合金轮毂及汽车轻量化部件项目', '{2|3|5}万吨电子铝箔及电极箔项目', '年产{10|15}万吨再生铝项目', '高纯铝及铝基新材料项目', '{5|8|10}万吨铝合金建筑型材项目'] },
  { industry: '38', word: '新能源', w: 5, big: true, where: [PARK_ETDZ, '650106', '650107', '650104', MIDONG], names: ['{2|5|10}GW高效光伏组件项目', '{5|10}GW N型TOPCon电池片项目', '风电整机总装基地项目', '年产{300|500}套风电叶片项目', '{2|5}GWh储能电池系统集成项目', '光伏逆变器及储能变流器生产项目', '{1|2}万吨锂电池正极材料项目'] },
  { industry: '44', word: '能源', w: 2, big: true, where: ['650107', '650107', '650121', MIDONG], names: ['{10|20|30}万千瓦风电项目', '{10|20}万千瓦风光储一体化项目', '分布式光伏及源网荷储示范项目', '园区热电联产项目'] },
  { industry: '36', word: '汽车零部件', w: 3, where: [PARK_ETDZ, '650106', '650104'], names: ['新能源汽车动力电池结构件项目', '新能源重卡整车生产项目', '汽车线束及连接器生产项目', '新能源汽车电驱动系统项目', '汽车内外饰件生产项目', '年产{2|5}万辆新能源专用车项目'] },
  { industry: '13', word: '农业科技', w: 4, where: [MIDONG, '650121', '650104', '650105'], names: ['{10|20}万吨番茄制品深加工项目', '年产{10|15}万吨棉籽蛋白项目', '牛羊屠宰及冷鲜肉精深加工项目', '红枣核桃精深加工项目', '辣椒红色素及辣椒制品提取项目', '年产{20|30}万吨饲料项目'] },
  { industry: '14', word: '食品', w: 2, where: [MIDONG, '650103', '650121', '650105'], names: ['乳制品精深加工项目', '馕产业园及中央厨房项目', '特色休闲食品生产基地项目', '预制菜中央厨房项目'] },
  { industry: '15', word: '酒业', w: 1, where: ['650121', MIDONG], names: ['葡萄酒庄园及酿造项目', '特色果汁饮料生产线项目', '沙棘饮品生产项目'] },
  { industry: '17', word: '纺织', w: 3, where: [MIDONG, '650106', '650104'], names: ['{10|20}万锭紧密纺纱项目', '棉纺织及印染一体化项目', '家纺面料生产项目', '高支棉纱及色纺项目'] },
  { industry: '18', word: '服饰', w: 2, where: ['650103', '650104', MIDONG, '650105'], names: ['服装加工产业园项目', '年产{300|500}万件功能性服饰项目', '民族特色服饰研发生产项目', '纺织服装智能制造项目'] },
  { industry: '65', word: '数据科技', w: 3, big: true, where: ['650105', '650104', PARK_ETDZ, TIANSHAN, PREFECTURE], names: ['绿色算力数据中心项目', '{2000|5000}P智算中心项目', '智慧城市云平台运营中心项目', '软件外包交付中心项目', '中亚跨境数据服务中心项目'] },
  { industry: '59', word: '物流', w: 3, where: ['650104', '650103', MIDONG, '650106'], names: ['冷链物流园项目', '国际陆港保税仓储项目', '智能仓储分拨中心项目', '农产品冷链仓储项目'] },
  { industry: '58', word: '供应链', w: 2, where: ['650103', '650104', PREFECTURE], names: ['中欧班列集结中心配套项目', '多式联运物流枢纽项目', '跨境电商供应链服务中心项目'] },
  { industry: '51', word: '商贸', w: 2, where: [TIANSHAN, '650103', '650104'], names: ['中亚进出口商品集散中心项目', '农资批发交易市场项目', '汽车及零部件贸易中心项目'] },
  { industry: '61', word: '文化旅游', w: 2, where: [TIANSHAN, '650121', '650103'], names: ['丝路文旅精品酒店项目', '南山民宿集群项目', '大巴扎旅游综合体提升项目'] },
  { industry: '90', word: '文化旅游', w: 2, where: ['650121', TIANSHAN, '650105'], names: ['南山冰雪运动度假区项目', '城市夜间文旅街区项目', '室内主题乐园项目'] },
  { industry: '87', word: '文化传媒', w: 1, where: ['650105', TIANSHAN], names: ['影视拍摄基地及后期制作中心项目', '数字文创产业园项目'] },
  { industry: '27', word: '医药', w: 1, where: ['650104', PARK_ETDZ], names: ['民族医药现代化生产项目', '生物疫苗生产基地项目', '中药饮片加工项目'] },
  { industry: '30', word: '建材', w: 2, where: [MIDONG, '650106', '650107'], names: ['光伏玻璃生产线项目', '新型绿色建材产业园项目', '装配式建筑部品部件项目'] },
  { industry: '35', word: '智能装备', w: 2, where: [PARK_ETDZ, '650106'], names: ['煤矿智能化装备制造项目', '农机装备制造项目', '智能采棉机生产项目'] },
  { industry: '42', word: '环保科技', w: 1, where: [MIDONG, PARK_MIDONG], names: ['退役动力电池回收利用项目', '工业固废综合利用项目'] },
  { industry: '39', word: '电子', w: 1, big: true, where: [PARK_ETDZ], names: ['电子级多晶硅项目', '半导体材料及元器件项目'] },
];

interface Home {
  code: string;
  place: string;
  /** 对口援疆 province */
  aid?: boolean;
}

const OUT_OF_REGION: Home[] = [
  { code: '110105', place: '北京', aid: true },
  { code: '110108', place: '北京', aid: true },
  { code: '310115', place: '上海', aid: true },
  { code: '310104', place: '上海', aid: true },
  { code: '320505', place: '苏州', aid: true },
  { code: '320211', place: '无锡', aid: true },
  { code: '320583', place: '昆山', aid: true },
  { code: '330106', place: '杭州', aid: true },
  { code: '330212', place: '宁波', aid: true },
  { code: '330782', place: '义乌', aid: true },
  { code: '440305', place: '深圳', aid: true },
  { code: '440106', place: '广州', aid: true },
  { code: '440604', place: '佛山', aid: true },
  { code: '370102', place: '济南', aid: true },
  { code: '370211', place: '青岛', aid: true },
  { code: '410105', place: '郑州', aid: true },
  { code: '610113', place: '西安' },
  { code: '510107', place: '成都' },
  { code: '420106', place: '武汉', aid: true },
  { code: '350203', place: '厦门', aid: true },
  { code: '120116', place: '天津', aid: true },
  { code: '340104', place: '合肥', aid: true },
  { code: '150602', place: '鄂尔多斯' },
  { code: '640104', place: '银川' },
  { code: '430104', place: '长沙', aid: true },
  { code: '500112', place: '重庆' },
];
const LOCAL: Home[] = [
  { code: '650104', place: '新疆' },
  { code: '650105', place: '新疆' },
  { code: '650102', place: '乌鲁木齐' },
  { code: '650109', place: '乌鲁木齐' },
  { code: '650106', place: '新疆' },
  { code: '652301', place: '昌吉' },
  { code: '652302', place: '阜康' },
  { code: '650203', place: '克拉玛依' },
  { code: '654002', place: '伊犁' },
  { code: '652801', place: '巴州' },
  { code: '653101', place: '喀什' },
  { code: '650502', place: '哈密' },
  { code: '659001', place: '石河子' },
];
/** foreign-invested enterprises, registered where their mainland entity is */
const FOREIGN: { country: string; home: Home }[] = [
  { country: '新加坡', home: { code: '310115', place: '中国' } },
  { country: '香港', home: { code: '440305', place: '深圳' } },
  { country: '哈萨克斯坦', home: { code: '650104', place: '新疆' } },
  { country: '德国', home: { code: '320505', place: '苏州' } },
  { country: '韩国', home: { code: '370211', place: '青岛' } },
  { country: '香港', home: { code: '650102', place: '新疆' } },
];

const BRAND_A = [...'华中恒瑞博鼎新汇金宏海启天嘉润源星聚卓鸿腾锦泰凯德昆丰晟远盛'];
const BRAND_B = [...'锦宁泰丰远盛晟能桥创源和润达辰拓运越程宸联安弘邦诚信瑞融'];

const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗'];
const UYGHUR_NAMES = ['阿不都热合曼', '买买提', '艾尔肯', '迪力夏提', '热依拉', '古丽米拉', '努尔艾力', '阿依古丽'];
const GIVEN = ['伟', '磊', '静', '敏', '强', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '霞', '平', '刚', '建华', '海燕', '志强', '晓峰'];

const LEAD_SOURCES = ['驻点招商', '以商招商', '展会对接（亚欧商品贸易博览会）', '中介机构推荐', '产业链精准招商', '对口援疆省市推荐'];
const TERMINATION_REASONS = [
  '投资方资金链紧张，经双方协商终止合作',
  '项目用地条件未能落实，投资方放弃投资',
  '投资方战略调整，项目转移至其他地区',
  '能耗指标未能落实，项目终止',
  '产品市场行情变化，投资方放弃投资',
  '环评未通过，项目终止',
];
const PROBLEMS: [string, string][] = [
  ['项目用地指标未落实，需协调新增建设用地计划', '自然资源局'],
  ['电力接入容量不足，需供电公司扩容改造', '国网乌鲁木齐供电公司'],
  ['环评批复进度滞后，影响开工', '生态环境局'],
  ['施工用水、用气管网尚未接通', '住房和城乡建设局'],
  ['项目融资贷款审批进度慢', '地方金融管理局'],
  ['技术工人缺口约 200 人，招工困难', '人力资源和社会保障局'],
  ['进场道路未硬化，重型车辆无法通行', '交通运输局'],
  ['园区蒸汽供应不足，需协调热源', '园区管委会'],
  ['铁路专用线接轨手续办理缓慢', '发展和改革委员会'],
  ['能耗指标需自治区统筹解决', '发展和改革委员会'],
  ['招商引资优惠政策兑现资金未按期拨付', '财政局'],
  ['征地补偿及地上附着物清理未完成', '街道办事处'],
];
const RESOLUTIONS = ['已协调解决，相关手续已办结', '经专题会议研究，已落实解决方案', '已由责任单位办理完毕并回访企业'];
const RECEIPT_NOTES = ['土建工程款', '设备购置款', '银行贷款到位', '企业自有资金', '工程进度款', '安装工程款', null, null, null];

const SERVICE_TITLES: Record<ServiceItemType, string[]> = {
  companyRegistration: ['项目公司设立登记', '分公司注册及银行开户'],
  projectFiling: ['企业投资项目备案', '项目核准申请'],
  land: ['土地招拍挂及不动产权证办理', '用地预审与选址意见书办理'],
  planning: ['建设工程规划许可证办理', '建筑工程施工许可证办理'],
  environmentalReview: ['环境影响评价报告书审批', '排污许可证申领'],
  powerWater: ['10千伏电力接入', '供水及天然气接入'],
  other: ['用工招聘对接', '出口退税及海关备案', '安全生产条件审查'],
};
const SERVICE_TYPES_BY_STAGE: Record<string, ServiceItemType[]> = {
  negotiating: ['companyRegistration', 'projectFiling', 'other'],
  signed: ['projectFiling', 'land', 'planning', 'environmentalReview', 'companyRegistration'],
  started: ['planning', 'powerWater', 'environmentalReview', 'other'],
  operating: ['other', 'powerWater'],
};

// ---------------------------------------------------------------- plan

type ProjectRowIn = typeof projects.$inferInsert;
type EnterpriseIn = { id: string; creditCode: string; name: string; createdAt: Date; updatedAt: Date };

interface Investor {
  id: string;
  name: string;
  short: string;
  creditCode: string;
  source: ProjectSource;
  aid: boolean;
  word: string;
}

export interface DemoPeople {
  leaderId: string | null;
  statisticianId: string | null;
  /** officers by home region code */
  officers: readonly { id: string; regionCode: string; name: string }[];
}

export interface DemoPlan {
  enterprises: EnterpriseIn[];
  projects: ProjectRowIn[];
  team: (typeof projectTeamMembers.$inferInsert)[];
  milestones: (typeof projectMilestones.$inferInsert)[];
  history: (typeof projectStageHistory.$inferInsert)[];
  receipts: (typeof fundReceipts.$inferInsert)[];
  problems: (typeof projectProblems.$inferInsert)[];
  serviceItems: (typeof serviceItems.$inferInsert)[];
}

function fillName(rng: Rng, pattern: string): string {
  return pattern.replace(/\{([^}]+)\}/g, (_m, alts: string) => rng.pick(alts.split('|')));
}

/** amount in yuan, rounded to 10万 below 1亿 and to 100万 above */
function roundAmount(yuan: number): number {
  const unit = yuan >= 100_000_000 ? 1_000_000 : 100_000;
  return Math.max(unit, Math.round(yuan / unit) * unit);
}

function personName(rng: Rng): string {
  return rng.chance(0.2) ? rng.pick(UYGHUR_NAMES) : `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}`;
}

interface NameParts {
  /** the template's product, e.g. 冷链物流园项目 */
  product: string;
  /** the investor's 字号 */
  short: string | null;
  /** the county's short name (米东), or '' */
  place: string;
}

/** 米东区 → 米东, 乌鲁木齐县 → 乌鲁木齐 (a two-character name keeps its suffix: 东区 stays) */
function placeOf(regionName: string): string {
  const short = regionName.replace(/(区|县|市)$/, '');
  return short.length >= 2 ? short : regionName;
}

const PHASES = ['二期', '三期', '四期', '五期'];

/**
 * No two demo projects share a name: a ledger never lists the same project twice. A name that is
 * taken gets, in turn, the investor's 字号 (华锦冷链物流园项目), the county (米东冷链物流园项目),
 * both, then a phase (冷链物流园二期项目), as project names are told apart in a real ledger.
 */
function giveUniqueNames(rows: { name: string }[], parts: readonly NameParts[]): void {
  const used = new Set<string>();
  rows.forEach((row, k) => {
    const p = parts[k];
    if (!p) return;
    const phased = (base: string) => PHASES.map((ph) => base.replace(/项目$/, `${ph}项目`));
    const byInvestor = p.short ? `${p.short}${p.product}` : null;
    const candidates = [row.name, byInvestor, p.place ? `${p.place}${p.product}` : null, p.short && p.place ? `${p.place}${p.short}${p.product}` : null, ...phased(byInvestor ?? p.product)];
    const name = candidates.find((c): c is string => c !== null && !used.has(c)) ?? `${row.name}（${k + 1}）`;
    used.add(name);
    row.name = name;
  });
}

export function planDemoProjects(
  today: string,
  people: DemoPeople,
  availableRegions: ReadonlySet<string>,
  regionNames: ReadonlyMap<string, string>,
  addWorking: (start: string, n: number) => string,
): DemoPlan {
  const rng = createRng(SEED);
  const plan: DemoPlan = { enterprises: [], projects: [], team: [], milestones: [], history: [], receipts: [], problems: [], serviceItems: [] };
  const windowEnd = addMonths(today.slice(0, 7), -1);
  const windowStart = addMonths(today.slice(0, 7), -22);
  const usedCodes = new Set<string>();
  const usedNames = new Set<string>();
  const investorsByWord = new Map<string, Investor[]>();
  const region = (code: string) => (availableRegions.has(code) ? code : code.length === 9 && availableRegions.has(code.slice(0, 6)) ? code.slice(0, 6) : PREFECTURE);

  const newInvestor = (t: Template): Investor => {
    const kind = rng.weighted<'out' | 'local' | 'foreign'>([
      { w: 62, v: 'out' },
      { w: 30, v: 'local' },
      { w: 8, v: 'foreign' },
    ]);
    let home: Home;
    let country = '';
    if (kind === 'out') home = rng.pick(OUT_OF_REGION);
    else if (kind === 'local') home = rng.pick(LOCAL);
    else {
      const f = rng.pick(FOREIGN);
      home = f.home;
      country = f.country;
    }
    let short = '';
    let name = '';
    for (let tries = 0; tries < 50; tries++) {
      short = `${rng.pick(BRAND_A)}${rng.pick(BRAND_B)}`;
      if (short.charAt(0) === short.charAt(1)) continue;
      const suffix = rng.weighted([
        { w: 7, v: '有限公司' },
        { w: 2, v: '股份有限公司' },
        { w: 1, v: '集团有限公司' },
      ]);
      name = kind === 'foreign' ? `${country}${short}${t.word}（${home.place}）有限公司` : `${home.place}${short}${t.word}${suffix}`;
      if (!usedNames.has(name)) break;
    }
    usedNames.add(name);
    let creditCode = makeCreditCode(rng, home.code);
    while (usedCodes.has(creditCode)) creditCode = makeCreditCode(rng, home.code);
    usedCodes.add(creditCode);
    const inv: Investor = {
      id: demoUuid('enterprise', plan.enterprises.length),
      name,
      short,
      creditCode,
      source: kind === 'out' ? 'outOfRegion' : kind === 'local' ? 'local' : 'foreign',
      aid: kind === 'out' && Boolean(home.aid),
      word: t.word,
    };
    const created = at(addDays(today, -rng.int(400, 900)));
    plan.enterprises.push({ id: inv.id, creditCode, name, createdAt: created, updatedAt: created });
    investorsByWord.set(t.word, [...(investorsByWord.get(t.word) ?? []), inv]);
    return inv;
  };

  // stages, shuffled
  const stages = rng.shuffle((Object.entries(DEMO_STAGE_COUNTS) as [ProjectStage, number][]).flatMap(([s, n]) => Array<ProjectStage>(n).fill(s)));
  // lights for the projects whose light can change
  const activeIdx = stages.map((s, i) => (s === 'operating' || s === 'terminated' ? -1 : i)).filter((i) => i >= 0);
  const lightPool = rng.shuffle([
    ...Array<Light>(LIGHT_COUNTS.red).fill('red'),
    ...Array<Light>(LIGHT_COUNTS.yellow).fill('yellow'),
    ...Array<Light>(activeIdx.length - LIGHT_COUNTS.red - LIGHT_COUNTS.yellow).fill('green'),
  ]);
  const lights = new Map<number, Light>(activeIdx.map((i, k) => [i, lightPool[k] as Light]));

  // templates first (big ones need to know which projects can carry 10亿+)
  const templates = stages.map(() => rng.weighted(TEMPLATES.map((t) => ({ w: t.w, v: t }))));
  const bigCandidates = rng.shuffle(stages.map((_s, i) => i).filter((i) => ['signed', 'started', 'operating'].includes(stages[i] as string) && templates[i]?.big));
  const over50 = new Set(bigCandidates.slice(0, BIG_SIGNED.over50));
  const over10 = new Set(bigCandidates.slice(BIG_SIGNED.over50, BIG_SIGNED.over50 + BIG_SIGNED.over10));

  const officerFor = (regionCode: string) => {
    const local = people.officers.filter((o) => regionCode.startsWith(o.regionCode));
    return local.length > 0 ? local : people.officers;
  };

  const naming: NameParts[] = [];
  // problems: projects whose red comes from an overdue problem, then others
  const redByProblem = new Set<number>();
  const projectFacts: { i: number; id: string; stage: ProjectStage; created: string; latest: string; light: Light | null; regionCode: string; investor: Investor | null; handler: string }[] = [];

  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i] as ProjectStage;
    const t = templates[i] as Template;
    const id = demoUuid('project', i);
    const code = `${DEMO_PROJECT_PREFIX}${String(i + 1).padStart(4, '0')}`;
    const regionCode = region(rng.pick(t.where));
    const light = lights.get(i) ?? null;

    // investor: a group invests again in about one case in five
    const pool = investorsByWord.get(t.word) ?? [];
    const hasInvestor = stage !== 'lead' || rng.chance(0.85);
    const investor = !hasInvestor ? null : pool.length > 0 && rng.chance(0.2) ? rng.pick(pool) : newInvestor(t);
    const product = fillName(rng, rng.pick(t.names));
    const name = investor && rng.chance(0.55) ? `${investor.short}${product}` : product;

    // amounts
    let planned: number | null = roundAmount(10 ** (7.45 + rng.next() * 1.5));
    if (over50.has(i)) planned = roundAmount(rng.int(52, 150) * 100_000_000 + rng.int(0, 9) * 10_000_000);
    else if (over10.has(i)) planned = roundAmount(rng.int(11, 45) * 100_000_000 + rng.int(0, 9) * 10_000_000);
    else if (stage === 'negotiating' && t.big && rng.chance(0.2)) planned = roundAmount(rng.int(10, 80) * 100_000_000);
    if (stage === 'lead' && rng.chance(0.3)) planned = null;
    const signsAmount = ['signed', 'started', 'operating'].includes(stage);
    let signed: number | null = null;
    if (signsAmount && planned !== null) {
      signed = over10.has(i) || over50.has(i) ? planned : roundAmount(planned * rng.pick([1, 1, 1, 0.95, 0.9, 0.8]));
    }

    // how the light comes about
    let cause: 'none' | 'idle' | 'notStarted' | 'problem' = 'none';
    if (light === 'yellow') cause = stage === 'signed' && rng.chance(0.5) ? 'notStarted' : 'idle';
    if (light === 'red') {
      cause = stage === 'signed' ? rng.pick(['idle', 'notStarted', 'problem'] as const) : rng.chance(0.6) ? 'idle' : 'problem';
    }
    if (cause === 'problem') redByProblem.add(i);

    let progress: string;
    if (cause === 'idle') progress = addDays(today, light === 'red' ? -rng.int(92, 240) : -rng.int(60, 85));
    else if (stage === 'operating') progress = addDays(today, -rng.int(0, 150));
    else progress = addDays(today, -rng.int(0, 45));

    let signedDate: string | null = null;
    let agreedStartDate: string | null = null;
    let startedDate: string | null = null;
    let operatingDate: string | null = null;
    let likelihood: Likelihood | null = null;
    let expectedLandingDate: string | null = null;
    let terminationReason: string | null = null;
    let stageBeforeTermination: string | null = null;
    let created: string;
    const timeline: { to: ProjectStage; on: string; note: string }[] = [];

    if (stage === 'lead') {
      created = addDays(progress, -rng.int(0, 300));
    } else if (stage === 'negotiating') {
      created = addDays(progress, -rng.int(20, 400));
      likelihood = rng.weighted<Likelihood>([
        { w: 3, v: 'high' },
        { w: 5, v: 'medium' },
        { w: 2, v: 'low' },
      ]);
      expectedLandingDate = addDays(maxDate(today, addDays(progress, 60)), rng.int(10, 270));
      timeline.push({ to: 'negotiating', on: addDays(created, rng.int(5, Math.max(5, Math.floor((Date.parse(progress) - Date.parse(created)) / 86_400_000)))), note: '投资方完成实地考察，进入实质性洽谈' });
    } else if (stage === 'signed') {
      if (cause === 'notStarted') {
        agreedStartDate = addDays(today, light === 'red' ? -rng.int(90, 240) : -rng.int(60, 85));
        signedDate = minDate(addDays(agreedStartDate, -rng.int(20, 120)), progress);
      } else {
        agreedStartDate = addDays(today, rng.int(-55, 150));
        signedDate = minDate(addDays(agreedStartDate, -rng.int(20, 120)), addDays(progress, -rng.int(0, 30)), addDays(today, -7));
      }
      created = addDays(signedDate, -rng.int(60, 365));
    } else if (stage === 'started') {
      startedDate = addDays(progress, -rng.int(0, 420));
      signedDate = addDays(startedDate, -rng.int(15, 180));
      agreedStartDate = addDays(signedDate, rng.int(15, 120));
      created = addDays(signedDate, -rng.int(60, 365));
    } else if (stage === 'operating') {
      operatingDate = addDays(today, -rng.int(10, 640));
      startedDate = addDays(operatingDate, -rng.int(180, 540));
      signedDate = addDays(startedDate, -rng.int(20, 150));
      agreedStartDate = addDays(signedDate, rng.int(15, 120));
      progress = maxDate(progress, operatingDate);
      created = addDays(signedDate, -rng.int(60, 365));
    } else {
      // terminated: after negotiating, or after signing
      const end = addDays(today, -rng.int(20, 400));
      progress = end;
      terminationReason = rng.pick(TERMINATION_REASONS);
      if (rng.chance(0.45) && planned !== null) {
        stageBeforeTermination = 'signed';
        signedDate = addDays(end, -rng.int(60, 300));
        signed = roundAmount(planned * rng.pick([1, 0.9]));
        agreedStartDate = addDays(signedDate, rng.int(30, 120));
        created = addDays(signedDate, -rng.int(60, 300));
      } else {
        stageBeforeTermination = 'negotiating';
        created = addDays(end, -rng.int(60, 400));
        likelihood = 'low';
        expectedLandingDate = addDays(end, rng.int(30, 180));
        timeline.push({ to: 'negotiating', on: addDays(created, rng.int(5, 50)), note: '进入实质性洽谈' });
      }
    }
    if (signedDate) {
      // a signed project went through negotiating: it carries what that stage needed
      likelihood = 'high';
      expectedLandingDate = signedDate;
      timeline.push({ to: 'negotiating', on: addDays(created, rng.int(5, Math.max(5, Math.floor((Date.parse(signedDate) - Date.parse(created)) / 86_400_000) - 5))), note: '进入实质性洽谈' });
      timeline.push({ to: 'signed', on: signedDate, note: '签订投资合同' });
    }
    if (startedDate) timeline.push({ to: 'started', on: startedDate, note: '项目开工建设' });
    if (operatingDate) timeline.push({ to: 'operating', on: operatingDate, note: '项目竣工投产' });
    if (stage === 'terminated') timeline.push({ to: 'terminated', on: progress, note: terminationReason ?? '' });

    // 五个一
    const isKey = over10.has(i) || over50.has(i) || (stage !== 'lead' && stage !== 'terminated' && rng.chance(0.08));
    const officers = officerFor(regionCode);
    const teamIds = new Set<string>();
    if (stage !== 'lead' || rng.chance(0.4)) {
      if (officers.length > 0) teamIds.add(rng.pick(officers).id);
      if ((isKey || rng.chance(0.2)) && people.officers.length > 0) teamIds.add(rng.pick(people.officers).id);
    }
    for (const userId of teamIds) plan.team.push({ projectId: id, userId });
    const handler = officers.find((o) => regionCode.startsWith(o.regionCode))?.name ?? personName(rng);

    const tags: string[] = [];
    if (isKey) tags.push('重点项目');
    if ((signed ?? planned ?? 0) >= 1_000_000_000) tags.push('招大引强');
    if (investor?.aid && rng.chance(0.4)) tags.push('援疆项目');
    if (rng.chance(0.15)) tags.push('补链强链');
    if (investor?.source === 'foreign') tags.push('外资项目');

    const regionName = regionNames.get(regionCode) ?? '乌鲁木齐市';
    const amountText = planned === null ? '投资额待定' : `计划总投资 ${(planned / 100_000_000).toFixed(2)} 亿元`;
    const description =
      stage === 'lead'
        ? `线索来源：${rng.pick(LEAD_SOURCES)}。${investor ? `${investor.name}有意在${regionName}投资，` : '投资主体待确定，'}${amountText}。`
        : `${investor?.name ?? ''}在${regionName}投资建设${product.replace(/项目$/, '')}，${amountText}。`;

    // stage history
    plan.history.push({ projectId: id, fromStage: null, toStage: 'lead', note: `新建项目（${rng.pick(LEAD_SOURCES)}）`, changedByName: '演示数据', changedAt: at(created, 9, rng.int(0, 59)) });
    let from: ProjectStage = 'lead';
    for (const step of timeline) {
      plan.history.push({ projectId: id, fromStage: from, toStage: step.to, note: step.note, changedByName: '演示数据', changedAt: at(step.on, 11, rng.int(0, 59)) });
      from = step.to;
    }

    // fund receipts
    let lastEntered = '';
    if (signsAmount && signedDate && signed !== null) {
      const first = maxDate(signedDate.slice(0, 7), windowStart);
      const cap = cause === 'idle' ? progress : today;
      const months: { month: string; entered: string }[] = [];
      for (let m = first; m <= windowEnd; m = addMonths(m, 1)) {
        const entered = minDate(`${addMonths(m, 1)}-${String(rng.int(3, 10)).padStart(2, '0')}`, today);
        if (entered <= cap) months.push({ month: m, entered });
      }
      const p = stage === 'started' ? 0.75 : stage === 'operating' ? 0.5 : 0.3;
      let chosen = months.filter(() => rng.chance(p));
      if (chosen.length === 0 && months.length > 0 && stage !== 'signed') chosen = [rng.pick(months)];
      const before = signedDate.slice(0, 7) < windowStart;
      const share =
        stage === 'signed' ? 0.02 + rng.next() * 0.13 : stage === 'started' ? (before ? 0.3 + rng.next() * 0.3 : 0.25 + rng.next() * 0.55) : before ? 0.15 + rng.next() * 0.3 : 0.7 + rng.next() * 0.28;
      const target = Math.floor(signed * share);
      const weights = chosen.map(() => 0.5 + rng.next());
      const wsum = weights.reduce((a, b) => a + b, 0);
      let sum = 0;
      for (const [k, { month, entered }] of chosen.entries()) {
        const amount = Math.max(10_000, Math.floor((target * (weights[k] as number)) / wsum / 10_000) * 10_000);
        if (sum + amount > signed) continue;
        sum += amount;
        const inScope = regionCode.startsWith(MIDONG);
        // the months before last are reported and approved (demo-returns): 米东区's receipts of them are all
        // entered in the first days of the next month and verified the day after, before the return is submitted
        const reported = month < windowEnd;
        const drawn = inScope && people.statisticianId !== null && rng.chance(reported ? 0.85 : 0.3);
        const verified = drawn || (reported && inScope && people.statisticianId !== null);
        const recorded = minDate(`${addMonths(month, 1)}-0${Math.ceil((Number(entered.slice(8, 10)) - 2) / 4)}`, entered);
        const note = rng.pick(RECEIPT_NOTES);
        const enteredAt = at(recorded, 16, rng.int(0, 59));
        const checkedAfter = drawn ? rng.int(1, 6) : 1;
        const checkedMinute = drawn ? rng.int(0, 59) : 30;
        plan.receipts.push({
          id: demoUuid('receipt', plan.receipts.length),
          projectId: id,
          month,
          amountYuan: BigInt(amount),
          note,
          enteredBy: null,
          enteredAt,
          verifiedBy: verified ? people.statisticianId : null,
          verifiedAt: verified ? at(minDate(addDays(recorded, reported ? 1 : checkedAfter), today), 10, checkedMinute) : null,
        });
        if (entered > lastEntered) lastEntered = entered;
      }
    }
    // a receipt is progress too
    if (lastEntered !== '' && cause !== 'idle') progress = maxDate(progress, lastEntered);

    // milestones (推进方案): key projects and some others
    if (isKey || (signsAmount && rng.chance(0.3))) {
      if (stage === 'negotiating') {
        const steps = ['签订投资框架协议', '完成尽职调查', '正式签约'];
        steps.forEach((title, k) => {
          const due = addDays(today, 30 * (k + 1) + rng.int(0, 20));
          plan.milestones.push({ projectId: id, title, dueDate: due, doneOn: null, sortOrder: k });
        });
      } else if (signedDate) {
        const steps = ['完成项目备案', '取得土地使用权证', '取得施工许可证', '主体工程开工', '设备安装调试', '竣工投产'];
        steps.forEach((title, k) => {
          const due = addDays(signedDate as string, 45 * (k + 1) + rng.int(0, 20));
          let doneOn: string | null = null;
          if (k === 3) doneOn = startedDate;
          else if (k === 5) doneOn = operatingDate;
          else if (k < 3 && (startedDate || (due < progress && rng.chance(0.7)))) doneOn = minDate(startedDate ?? progress, addDays(due, rng.int(-15, 10)));
          else if (k === 4 && (operatingDate || (startedDate && due < progress && rng.chance(0.5)))) doneOn = minDate(operatingDate ?? progress, addDays(due, rng.int(-15, 10)));
          if (doneOn !== null) doneOn = maxDate(doneOn, signedDate as string);
          plan.milestones.push({ projectId: id, title, dueDate: due, doneOn, sortOrder: k });
        });
      }
    }

    plan.projects.push({
      id,
      code,
      name,
      regionCode,
      investorId: investor?.id ?? null,
      source: investor?.source ?? null,
      industryCode: t.industry,
      plannedInvestmentYuan: planned === null ? null : BigInt(planned),
      signedAmountYuan: signed === null ? null : BigInt(signed),
      signedDate,
      agreedStartDate,
      startedDate,
      operatingDate,
      stage,
      stageBeforeTermination,
      likelihood,
      expectedLandingDate,
      terminationReason,
      description,
      leaderId: isKey ? people.leaderId : null,
      tags,
      isKey,
      lastProgressAt: at(progress, rng.int(9, 18), rng.int(0, 59)),
      createdBy: null,
      createdAt: at(created, 9),
      updatedAt: at(progress, 19),
    });
    projectFacts.push({ i, id, stage, created, latest: progress, light, regionCode, investor, handler });
    naming.push({ product, short: investor?.short ?? null, place: placeOf(regionNames.get(regionCode.slice(0, 6)) ?? '') });
  }
  giveUniqueNames(plan.projects, naming);

  // problems (问题清单): first the projects whose red comes from an overdue problem
  const others = rng.shuffle(projectFacts.filter((f) => !redByProblem.has(f.i) && f.stage !== 'lead' && f.stage !== 'terminated'));
  const withProblems = [...projectFacts.filter((f) => redByProblem.has(f.i)), ...others.slice(0, PROBLEM_PROJECTS - redByProblem.size)];
  for (const f of withProblems) {
    const n = redByProblem.has(f.i) ? rng.int(1, 2) : rng.int(1, 3);
    for (let k = 0; k < n; k++) {
      const [description, owner] = rng.pick(PROBLEMS);
      const createdOn = maxDate(f.created, addDays(f.latest, -rng.int(10, 120)));
      let dueDate: string;
      let status: 'open' | 'resolved';
      if (redByProblem.has(f.i) && k === 0) {
        dueDate = addDays(today, -rng.int(3, 60));
        status = 'open';
      } else if (f.stage === 'operating' || rng.chance(0.5)) {
        dueDate = addDays(createdOn, rng.int(10, 60));
        status = 'resolved';
      } else {
        // open but not yet due: these must not turn a green or yellow project red
        dueDate = addDays(today, rng.int(0, 60));
        status = 'open';
      }
      const resolvedOn = status === 'resolved' ? minDate(today, f.latest, addDays(createdOn, rng.int(5, 50))) : null;
      plan.problems.push({
        id: demoUuid('problem', plan.problems.length),
        projectId: f.id,
        description,
        ownerName: `${owner} ${personName(rng)}`,
        dueDate,
        status,
        resolution: status === 'resolved' ? rng.pick(RESOLUTIONS) : null,
        resolvedOn: resolvedOn === null ? null : maxDate(resolvedOn, createdOn),
        createdAt: at(createdOn, 14, rng.int(0, 59)),
      });
    }
  }

  // service items (帮办代办)
  const serviceCandidates = rng.shuffle(projectFacts.filter((f) => f.stage in SERVICE_TYPES_BY_STAGE));
  for (const f of serviceCandidates.slice(0, SERVICE_PROJECTS)) {
    const n = rng.int(1, 3);
    for (let k = 0; k < n; k++) {
      const type = rng.pick(SERVICE_TYPES_BY_STAGE[f.stage] as ServiceItemType[]);
      const openedOn = maxDate(f.created, addDays(today, -rng.int(3, 200)));
      const workingDays = rng.pick([5, 10, 15, 20, 30]);
      const dueOn = addWorking(openedOn, workingDays);
      let status: 'open' | 'closed' = 'open';
      let closedOn: string | null = null;
      if (dueOn < today) {
        if (rng.chance(0.75)) {
          status = 'closed';
          closedOn = rng.chance(0.85) ? maxDate(openedOn, addDays(dueOn, -rng.int(0, workingDays))) : minDate(today, addDays(dueOn, rng.int(1, 10)));
        }
      } else if (rng.chance(0.3)) {
        status = 'closed';
        closedOn = addDays(openedOn, rng.int(0, Math.max(0, Math.floor((Date.parse(today) - Date.parse(openedOn)) / 86_400_000))));
      }
      const contact = f.investor ? `${f.investor.short}${f.investor.word} ${rng.pick(SURNAMES)}经理` : `投资方联系人 ${rng.pick(SURNAMES)}先生`;
      plan.serviceItems.push({
        id: demoUuid('service', plan.serviceItems.length),
        projectId: f.id,
        type,
        title: rng.pick(SERVICE_TITLES[type]),
        requester: contact,
        handlerName: f.handler,
        openedOn,
        workingDays,
        dueOn,
        status,
        closedOn,
        note: status === 'closed' ? '已办结' : null,
        createdAt: at(openedOn, 10, rng.int(0, 59)),
      });
    }
  }
  return plan;
}

// ---------------------------------------------------------------- writing

async function insertBatched<T extends Record<string, unknown>>(
  tx: Db,
  table: typeof enterprises | typeof projects | typeof projectTeamMembers | typeof projectMilestones | typeof projectStageHistory | typeof fundReceipts | typeof projectProblems | typeof serviceItems,
  rows: T[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    // the row types are checked where the plan is built; one helper serves every table
    await tx.insert(table).values(rows.slice(i, i + BATCH) as never);
  }
}

export async function hasDemoProjects(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: projects.id }).from(projects).where(like(projects.code, `${DEMO_PROJECT_PREFIX}%`)).limit(1);
  return row !== undefined;
}

/**
 * Creates the demo pipeline once; returns the counts, or null when the demo projects already exist.
 * Needs the demo accounts and parks (seedDemo creates them first); works without them, with fewer people.
 */
export async function seedDemoProjects(deps: Deps, options: { today?: string } = {}): Promise<DemoProjectCounts | null> {
  if (await hasDemoProjects(deps.db)) return null;
  const today = options.today ?? todayInShanghai();
  const cal = await loadWorkingCalendar(deps);
  const people = await deps.db
    .select({ id: users.id, username: users.username, regionCode: users.regionCode, displayName: users.displayName })
    .from(users)
    .where(inArray(users.username, ['leader', 'statistician', 'officer', 'officer_ts']));
  const byName = new Map(people.map((p) => [p.username, p]));
  const wanted = [PREFECTURE, '650102', '650103', '650104', '650105', '650106', '650107', '650109', '650121', PARK_MIDONG, PARK_ETDZ];
  const found = await deps.db.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, wanted));
  const plan = planDemoProjects(
    today,
    {
      leaderId: byName.get('leader')?.id ?? null,
      statisticianId: byName.get('statistician')?.id ?? null,
      officers: ['officer', 'officer_ts'].flatMap((u) => {
        const p = byName.get(u);
        return p ? [{ id: p.id, regionCode: p.regionCode, name: p.displayName }] : [];
      }),
    },
    new Set(found.map((r) => r.code)),
    new Map(found.map((r) => [r.code, r.name])),
    (start, n) => addWorkingDays(cal, start, n),
  );

  return deps.db.transaction(async (tx) => {
    // two app processes starting at once: the second waits, then sees the projects
    await tx.execute(sql`select pg_advisory_xact_lock(20261121)`);
    if (await hasDemoProjects(tx)) return null;
    // an investor already known by its credit code keeps its record
    const existing = await tx
      .select({ id: enterprises.id, creditCode: enterprises.creditCode })
      .from(enterprises)
      .where(inArray(enterprises.creditCode, plan.enterprises.map((e) => e.creditCode)));
    const known = new Map(existing.map((e) => [e.creditCode, e.id]));
    const remap = new Map(plan.enterprises.filter((e) => known.has(e.creditCode)).map((e) => [e.id, known.get(e.creditCode) as string]));
    const newEnterprises = plan.enterprises.filter((e) => !known.has(e.creditCode));
    const projectRows = plan.projects.map((p) => (p.investorId && remap.has(p.investorId) ? { ...p, investorId: remap.get(p.investorId) } : p));

    await insertBatched(tx, enterprises, newEnterprises);
    await insertBatched(tx, projects, projectRows);
    await insertBatched(tx, projectTeamMembers, plan.team);
    await insertBatched(tx, projectMilestones, plan.milestones);
    await insertBatched(tx, projectStageHistory, plan.history);
    await insertBatched(tx, fundReceipts, plan.receipts);
    await insertBatched(tx, projectProblems, plan.problems);
    await insertBatched(tx, serviceItems, plan.serviceItems);

    const byStage: Record<string, number> = {};
    for (const p of plan.projects) byStage[p.stage as string] = (byStage[p.stage as string] ?? 0) + 1;
    const counts: DemoProjectCounts = {
      projects: plan.projects.length,
      byStage,
      enterprises: newEnterprises.length,
      fundReceipts: plan.receipts.length,
      verifiedReceipts: plan.receipts.filter((r) => r.verifiedBy).length,
      problems: plan.problems.length,
      serviceItems: plan.serviceItems.length,
      milestones: plan.milestones.length,
      teamMembers: plan.team.length,
      stageHistory: plan.history.length,
    };
    await recordAudit(tx, createSystemCaller('demo-seed'), { action: 'demo.seed', objectType: 'demo', regionCode: PREFECTURE, after: { today, ...counts } });
    return counts;
  });
}
