/**
 * Demo 在线对接与投诉 of the demo prefecture (issue 14 item 9), one in every state, filed and handled through
 * the real services so clocks, threads and audit rows are what the app makes: a new inquiry about a published
 * resource, an accepted complaint, an answered inquiry, a closed and rated policy question, a complaint closed
 * and reopened by the investor, an overdue inquiry (filed three weeks ago, never answered), one flagged as spam,
 * and one converted to a lead project. The demo officer (马晓东) owns what is handled. Written after the portal's
 * demo data (it names published resources, policy items and projects); seeding again changes nothing.
 */
import { eq, sql } from 'drizzle-orm';
import { selectUserByUsername } from '../db/queries/accounts/users';
import { selectRows } from '../db/queries/sql-rows';
import { inquiries } from '../db/schema/index';
import { todayInShanghai } from '../domain/dates';
import { CONSENT_NOTICE_VERSION } from '../domain/inquiries/consent-notice';
import { computeDueDates } from '../domain/inquiries/inquiry-rules';
import { normalizeTrackingNumber } from '../domain/inquiries/tracking-number';
import { shiftDate } from '../domain/working-days';
import { loadWorkingCalendar } from '../services/calendar';
import { createSystemCaller, type Deps } from '../services/context';
import { convertInquiryToLead } from '../services/inquiries/inquiry-conversion';
import { assignInquiryOwner, getInquiry, stepInquiry } from '../services/inquiries/inquiry-handling';
import { getInquiryClockSettings } from '../services/inquiries/inquiry-settings';
import { fileInquiry, rateInquiry, reopenByInvestor, type FilingInput } from '../services/inquiries/public-inquiries';

/** The first demo filing's phone: when a filing has it, the demo inquiries are there. */
const MARKER_PHONE = '13900006501';

type Handling = 'new' | 'accepted' | 'answered' | 'closedRated' | 'reopened' | 'overdue' | 'spam' | 'converted';
interface DemoFiling {
  kind: 'inquiry' | 'complaint';
  handling: Handling;
  input: Omit<FilingInput, 'consent' | 'consentVersion' | 'subjectType' | 'subjectId'>;
  /** a published subject, by its public name */
  subject?: { type: 'project' | 'resource' | 'policyItem'; name: string };
  answer?: string;
}

const FILINGS: DemoFiling[] = [
  {
    kind: 'inquiry',
    handling: 'new',
    subject: { type: 'resource', name: '米东区农副产品加工标准厂房 2 号楼' },
    input: { type: 'resourceInterest', name: '周建华', company: '新疆天润果蔬加工有限公司（演示）', phone: MARKER_PHONE, content: '我公司计划建设番茄酱和果蔬干加工线，想租用 2 号楼约 3000 平方米，请问能否分割出租、何时可以看厂房？（演示数据）' },
  },
  {
    kind: 'complaint',
    handling: 'accepted',
    input: { type: 'departmentAction', regionCode: '650109', name: '李海涛', company: '乌鲁木齐恒达物流有限公司（演示）', phone: '13900006502', content: '我公司办理仓储用地规划许可已超过承诺时限 20 个工作日，多次询问没有明确答复。（演示数据）' },
  },
  {
    kind: 'inquiry',
    handling: 'answered',
    input: { type: 'general', regionCode: '650109', name: '王思远', company: '上海启明新材料科技有限公司（演示）', email: 'demo-wsy@example.com', content: '请问米东区对新材料项目的用地价格和能耗指标有什么安排？我们计划下月来考察。（演示数据）' },
    answer: '您好！米东区化工园区有现成工业用地，能耗指标按项目能评单列。欢迎来考察，可提前一周与我们联系安排行程。（演示数据）',
  },
  {
    kind: 'inquiry',
    handling: 'closedRated',
    subject: { type: 'policyItem', name: '农副产品精深加工项目贷款贴息' },
    input: { type: 'policyQuestion', name: '马丽', company: '新疆丰源粮油有限公司（演示）', phone: '13900006504', content: '我公司面粉加工扩建项目的固定资产贷款能否申请贴息？需要准备哪些材料？（演示数据）' },
    answer: '可以申请。项目开工后持贷款合同、放款凭证和项目备案文件向米东区招商服务中心申报，贴息期限三年。（演示数据）',
  },
  {
    kind: 'complaint',
    handling: 'reopened',
    input: { type: 'brokenPromise', regionCode: '650109', name: '赵志刚', company: '新疆北庭建材有限公司（演示）', phone: '13900006505', content: '投资协议约定的厂区道路去年底前修通，至今未动工，影响原料进场。（演示数据）' },
    answer: '经核实，道路已列入今年第二批市政计划，预计 10 月底前完工。（演示数据）',
  },
  {
    kind: 'inquiry',
    handling: 'overdue',
    input: { type: 'general', regionCode: '650109', name: '陈晓明', company: '西安智联电子有限公司（演示）', phone: '13900006506', content: '我们想在新疆设立电子组件装配基地，请问有没有可以直接入驻的厂房和用工培训支持？（演示数据）' },
  },
  {
    kind: 'inquiry',
    handling: 'spam',
    input: { type: 'general', regionCode: '650109', name: '推广', phone: '13900006507', content: '低价代办 http://spam-a.example 加急 http://spam-b.example 优惠 http://spam-c.example（演示数据）' },
  },
  {
    kind: 'inquiry',
    handling: 'converted',
    subject: { type: 'resource', name: '米东化工园区 MD-2026-03 号工业用地' },
    input: { type: 'resourceInterest', name: '孙立强', company: '江苏华宇精细化工有限公司（演示）', phone: '13900006508', content: '我公司拟投资 3 亿元建设精细化工项目，对 MD-2026-03 号地块有意向，希望了解出让时间和园区配套。（演示数据）' },
    answer: '地块计划下季度挂牌出让，园区已通蒸汽和污水管网。已为贵公司建立项目档案，专人跟进。（演示数据）',
  },
  {
    kind: 'complaint',
    handling: 'new',
    input: { type: 'departmentAction', regionCode: '650102', name: '刘婷', company: '天山区云帆软件有限公司（演示）', phone: '13900006509', content: '申请的办公用房补贴材料已提交两个月，没有收到受理回执。（演示数据）' },
  },
];

async function hasDemoInquiries(deps: Deps): Promise<boolean> {
  const rows = await selectRows<{ one: number }>(deps.db, sql`select 1 as one from inquiries where phone = ${MARKER_PHONE} limit 1`);
  return rows.length > 0;
}

/** The id of a published subject by its public name (skipped when the portal's demo data is not there). */
async function findSubjectId(deps: Deps, subject: NonNullable<DemoFiling['subject']>): Promise<string | null> {
  const query =
    subject.type === 'resource'
      ? sql`select id from resources where name = ${subject.name} and published limit 1`
      : subject.type === 'policyItem'
        ? sql`select id from policy_items where title = ${subject.name} and published limit 1`
        : sql`select project_id as id from project_publications where public_title = ${subject.name} and withdrawn_at is null limit 1`;
  const rows = await selectRows<{ id: string }>(deps.db, query);
  return rows[0]?.id ?? null;
}

async function idOf(deps: Deps, trackingNumber: string): Promise<string> {
  const [row] = await deps.db.select({ id: inquiries.id }).from(inquiries).where(eq(inquiries.trackingNumber, normalizeTrackingNumber(trackingNumber) ?? ''));
  if (!row) throw new Error(`demo inquiry ${trackingNumber} not filed`);
  return row.id;
}

/** Moves an unanswered filing back in time: filed 15 calendar days ago with the clocks of that day. */
async function backdate(deps: Deps, id: string, kind: 'inquiry' | 'complaint'): Promise<void> {
  const [cal, settings] = await Promise.all([loadWorkingCalendar(deps), getInquiryClockSettings(deps)]);
  const receivedOn = shiftDate(todayInShanghai(), -15);
  const due = computeDueDates(cal, receivedOn, settings[kind]);
  await deps.db.execute(
    sql`update inquiries set received_on = ${receivedOn}, first_response_due_on = ${due.firstResponseDueOn}, close_due_on = ${due.closeDueOn},
          created_at = created_at - interval '15 days' where id = ${id}::uuid`,
  );
}

export async function seedDemoInquiries(deps: Deps): Promise<void> {
  if (await hasDemoInquiries(deps)) return;
  const caller = createSystemCaller('demo');
  const officer = await selectUserByUsername(deps.db, 'officer');
  for (const [n, f] of FILINGS.entries()) {
    const subjectId = f.subject ? await findSubjectId(deps, f.subject) : null;
    // without the portal's subject the filing is a general one of the subject's county
    const input: Omit<FilingInput, 'consent' | 'consentVersion'> = f.subject && subjectId ? { ...f.input, subjectType: f.subject.type, subjectId } : { ...f.input, type: f.kind === 'inquiry' ? 'general' : f.input.type, regionCode: f.input.regionCode ?? '650109' };
    const meta = { clientIp: `demo-seed-${n}`, requestId: null };
    const { trackingNumber } = await fileInquiry(deps, meta, f.kind, { ...input, consent: true, consentVersion: CONSENT_NOTICE_VERSION });
    const id = await idOf(deps, trackingNumber);
    if (f.handling === 'overdue') await backdate(deps, id, f.kind);
    if (f.handling === 'new' || f.handling === 'overdue' || f.handling === 'spam') continue;
    const version = async () => (await getInquiry(deps, caller, id)).version;
    if (officer) await assignInquiryOwner(deps, caller, id, { ownerId: officer.id, version: await version() });
    await stepInquiry(deps, caller, id, 'accept', { version: await version() });
    if (f.handling === 'accepted') continue;
    const close = f.handling === 'closedRated' || f.handling === 'reopened';
    await stepInquiry(deps, caller, id, 'answer', { version: await version(), text: f.answer ?? '已收到，正在办理。', close });
    if (f.handling === 'closedRated') await rateInquiry(deps, meta, trackingNumber, { rating: 5, comment: '答复及时、清楚。（演示数据）' });
    if (f.handling === 'reopened') await reopenByInvestor(deps, meta, trackingNumber, '道路仍未开工，希望给出具体开工日期。（演示数据）');
    if (f.handling === 'converted') await convertInquiryToLead(deps, caller, id, { name: null });
  }
}
