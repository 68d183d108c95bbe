/**
 * Demo data of the investor portal (issue 14 item 9): the demo prefecture's contact offices, published
 * resources (parcels, standard factories, an office building, an idle asset) with suitable industries, a
 * policy library of real policy types written from public knowledge and marked as demo (not official
 * texts), and a few of its 储备 projects published with their public fields.
 */
import { sql } from 'drizzle-orm';
import { selectRows } from '../db/queries/sql-rows';
import type { ResourceCreate } from '../contracts/portal';
import { createSystemCaller, type Deps } from '../services/context';
import { createOffice } from '../services/portal/offices';
import { createPolicy, createPolicyItem } from '../services/portal/policies';
import { publishProject } from '../services/portal/publications';
import { createResource } from '../services/portal/resources';

const OFFICES = [
  { regionCode: '650100', name: '乌鲁木齐市投资促进服务窗口', address: '乌鲁木齐市天山区（演示地址）', phone: '0991-0000001', hours: '工作日 10:00–14:00，15:30–19:30', email: 'invest@example.gov.cn' },
  { regionCode: '650109', name: '米东区招商服务中心', address: '乌鲁木齐市米东区（演示地址）', phone: '0991-0000002', hours: '工作日 10:00–14:00，15:30–19:30', email: null },
  { regionCode: '650102', name: '天山区招商服务中心', address: '乌鲁木齐市天山区（演示地址）', phone: '0991-0000003', hours: '工作日 10:00–14:00，15:30–19:30', email: null },
];

const RESOURCES: (Omit<ResourceCreate, 'contactOfficeId'> & { office: number })[] = [
  { kind: 'land', regionCode: '650109', name: '米东化工园区 MD-2026-03 号工业用地', address: '米东区化工园区纬三路以北', areaSqm: 133_334, priceYuan: 192_000, priceUnit: 'perMu', utilities: ['water', 'power', 'gas', 'steam', 'sewage'], utilitiesNote: '园区集中供热与污水处理，110 kV 变电站 2 公里', suitableIndustryCodes: ['2614', '26'], description: '三类工业用地，净地出让，适合有机化工、精细化工项目（演示数据）', office: 1, published: true },
  { kind: 'standardFactory', regionCode: '650109', name: '米东区农副产品加工标准厂房 2 号楼', address: '米东区北部工业园', areaSqm: 6_000, priceYuan: 12, priceUnit: 'perSqmMonth', utilities: ['water', 'power', 'heating', 'network'], utilitiesNote: '层高 9 米，承重 3 吨/㎡，带货梯', suitableIndustryCodes: ['13', '14'], description: '单层钢结构厂房，可分割出租，前三年可申请租金补贴（演示数据）', office: 1, published: true },
  { kind: 'standardFactory', regionCode: '650109', name: '光伏组件配套标准厂房', address: '米东区甘泉堡方向（演示）', areaSqm: 12_000, priceYuan: 10, priceUnit: 'perSqmMonth', utilities: ['water', 'power', 'network'], suitableIndustryCodes: ['3825'], description: '适合光伏组件、逆变器配套（演示数据）', office: 1, published: true, availability: 'reserved' },
  { kind: 'officeBuilding', regionCode: '650102', name: '天山区数字经济产业楼 8–12 层', address: '天山区（演示地址）', areaSqm: 9_500, priceYuan: 45, priceUnit: 'perSqmMonth', utilities: ['water', 'power', 'heating', 'network'], utilitiesNote: '千兆光纤，24 小时门禁', suitableIndustryCodes: ['65', '64'], description: '整层或分层出租，适合软件、互联网与信息技术服务企业（演示数据）', office: 2, published: true },
  { kind: 'idleAsset', regionCode: '650102', name: '原天山区仓储物流中心（闲置）', address: '天山区（演示地址）', areaSqm: 21_000, priceYuan: 36_000_000, priceUnit: 'total', utilities: ['water', 'power'], suitableIndustryCodes: ['59'], description: '闲置仓库与堆场，可整体转让或盘活合作（演示数据）', office: 2, published: true },
  { kind: 'land', regionCode: '650109', name: '米东区粮油加工预留用地', address: '米东区（演示地址）', areaSqm: 40_000, suitableIndustryCodes: ['1311', '1331'], description: '正在办理出让手续（演示数据，未发布）', office: 1, published: false },
];

interface DemoItem {
  title: string;
  industryCodes?: string[];
  enterpriseSizes?: ('large' | 'medium' | 'small' | 'micro')[];
  regionCodes?: string[];
  benefit: string;
  conditions?: string;
  howToApply?: string;
}

const POLICIES: { regionCode: string; title: string; issuingBody: string; documentNumber: string; validFrom: string | null; validTo: string | null; items: DemoItem[] }[] = [
  {
    regionCode: '650000',
    title: '西部大开发企业所得税优惠（演示摘编）',
    issuingBody: '财政部 税务总局 国家发展改革委',
    documentNumber: '（演示）',
    validFrom: '2021-01-01',
    validTo: '2030-12-31',
    items: [
      { title: '鼓励类产业企业减按 15% 税率征收企业所得税', benefit: '设在西部地区、以《西部地区鼓励类产业目录》中的产业项目为主营业务，且其主营业务收入占企业收入总额 60% 以上的企业，减按 15% 的税率征收企业所得税。', conditions: '主营业务属于鼓励类产业目录；主营业务收入占比 60% 以上。', howToApply: '企业自行判别、申报享受，相关资料留存备查。' },
    ],
  },
  {
    regionCode: '650000',
    title: '新疆困难地区新办企业所得税“两免三减半”（演示摘编）',
    issuingBody: '财政部 国家税务总局',
    documentNumber: '（演示）',
    validFrom: '2021-01-01',
    validTo: '2030-12-31',
    items: [
      { title: '重点鼓励发展产业新办企业所得税两免三减半', benefit: '在新疆困难地区新办的、属于重点鼓励发展产业企业所得税优惠目录范围内的企业，自取得第一笔生产经营收入所属纳税年度起，第一年至第二年免征企业所得税，第三年至第五年减半征收。', conditions: '新办企业；属于优惠目录范围。', howToApply: '向主管税务机关备案，资料留存备查。' },
    ],
  },
  {
    regionCode: '650100',
    title: '乌鲁木齐市促进制造业高质量发展若干措施（演示）',
    issuingBody: '乌鲁木齐市人民政府（演示）',
    documentNumber: '乌政办（演示）1号',
    validFrom: '2025-01-01',
    validTo: null,
    items: [
      { title: '标准厂房租金补贴', industryCodes: ['C'], enterpriseSizes: ['small', 'micro', 'medium'], benefit: '新入驻园区标准厂房的制造业企业，前三年按实际租金给予 50% 补贴（演示数据）。', conditions: '入驻后一年内投产；租期不少于五年。', howToApply: '投产后向所在区（县）招商服务中心提出申请。' },
      { title: '固定资产投资奖励', industryCodes: ['C'], benefit: '制造业项目设备投资额达到 2000 万元以上的，按设备投资额的 5% 给予奖励，最高 500 万元（演示数据）。', conditions: '项目已竣工投产，设备发票齐全。', howToApply: '项目投产后一年内向市工业和信息化局申报。' },
      { title: '农副产品精深加工项目贷款贴息', industryCodes: ['13', '14'], regionCodes: ['650109'], benefit: '米东区内农副产品精深加工项目的固定资产贷款，按贷款市场报价利率的 50% 给予贴息，期限三年（演示数据）。', conditions: '项目已开工；贷款用于固定资产投资。', howToApply: '向米东区招商服务中心申报。' },
    ],
  },
  {
    regionCode: '650100',
    title: '乌鲁木齐市支持数字经济和现代服务业发展措施（演示）',
    issuingBody: '乌鲁木齐市人民政府（演示）',
    documentNumber: '乌政办（演示）2号',
    validFrom: '2025-06-01',
    validTo: '2027-12-31',
    items: [
      { title: '软件和信息技术服务企业办公用房补贴', industryCodes: ['65', '64'], benefit: '新引进的软件和信息技术服务企业，租用办公用房的按每月每平方米 20 元给予补贴，最长三年（演示数据）。', conditions: '在本市注册并纳税；员工 20 人以上。', howToApply: '向所在区招商服务中心提出申请。' },
      { title: '物流企业运营奖励', industryCodes: ['G'], benefit: '新落户的物流企业年营业收入首次达到 1 亿元的，给予一次性奖励 50 万元（演示数据）。', howToApply: '次年一季度向市商务局申报。' },
    ],
  },
];

/** Public fields for the demo prefecture's first 储备 projects, written from their industry. */
const PUBLIC_TEXTS = [
  { background: '当地原料供应充足，已有龙头企业带动，产业链上下游配套完善。', market: '面向疆内及中亚市场，运输半径内需求稳定增长。', conditions: '园区道路、供水、供电、供热已通，可提供标准厂房或净地。', cooperationMode: '独资、合资或合作' },
  { background: '项目符合本地产业链补链方向，列入年度重点推介项目。', market: '国内市场需求旺盛，周边省区配套需求明确。', conditions: '用地指标已落实，环评区域评估已完成。', cooperationMode: '独资或合资' },
];

/** The demo portal is there when its first contact office is (seeding the demo again changes nothing). */
async function hasDemoPortal(deps: Deps): Promise<boolean> {
  const first = OFFICES[0]!;
  const rows = await selectRows<{ one: number }>(deps.db, sql`select 1 as one from region_contact_offices where region_code = ${first.regionCode} and name = ${first.name} limit 1`);
  return rows.length > 0;
}

export async function seedDemoPortal(deps: Deps): Promise<void> {
  if (await hasDemoPortal(deps)) return;
  const caller = createSystemCaller('demo');
  const offices: string[] = [];
  for (const o of OFFICES) offices.push((await createOffice(deps, caller, o)).id);
  for (const { office, ...r } of RESOURCES) await createResource(deps, caller, { ...r, contactOfficeId: offices[office] ?? null });
  for (const { items, ...p } of POLICIES) {
    const policy = await createPolicy(deps, caller, { ...p, isDemo: true });
    for (const [i, item] of items.entries()) await createPolicyItem(deps, caller, policy.id, { ...item, sortOrder: i, published: true });
  }
  const reserve = await selectRows<{ id: string; name: string; region_code: string; planned: string | null }>(
    deps.db,
    sql`select p.id, p.name, p.region_code, p.planned_investment_yuan::text as planned from projects p join regions r on r.code = p.region_code
        where p.stage = 'lead' and r.path like '/650000/650100/%' order by p.code limit 4`,
  );
  for (const [i, p] of reserve.entries()) {
    const text = PUBLIC_TEXTS[i % PUBLIC_TEXTS.length]!;
    const office = offices[OFFICES.findIndex((o) => o.regionCode === p.region_code)] ?? offices[0] ?? null;
    await publishProject(deps, caller, p.id, { publicTitle: `${p.name}（招商推介）`, ...text, investmentScaleYuan: p.planned === null ? null : Number(p.planned), contactOfficeId: office });
  }
}
