/**
 * Demo 政府承诺 (issue 14 item 9): clauses on three signed, started or operating demo projects of 米东区,
 * dated from today so the picture holds whenever the demo is seeded — fulfilled (with evidence), partly
 * fulfilled, pending ones falling due in the coming months (the ledger's forecast), one overdue (the
 * 通报 list), one disputed, one waived, one selective tax award awaiting its fair-competition review and
 * one falling due when funds in place reach an amount. Recorded through the services (history, audit,
 * evidence checks) by the demo seed. Idempotent: nothing happens when a demo project has a clause.
 */
import { sql } from 'drizzle-orm';
import { selectRows } from '../db/queries/sql-rows';
import type { NewClauseBody } from '../contracts/commitments';
import { todayInShanghai } from '../domain/dates';
import { shiftDate } from '../domain/working-days';
import { changeClauseStatus } from '../services/commitments/clause-status';
import { agreeClause, createClause, submitClauseForReview } from '../services/commitments/clauses';
import { recordFulfilment } from '../services/commitments/fulfilments';
import { createSystemCaller, type Deps } from '../services/context';
import { DEMO_PROJECT_PREFIX } from './demo-projects';

/** The demo 招商专员 of 米东区 (src/seed/demo.ts), responsible for the clauses. */
const RESPONSIBLE_USERNAME = 'officer';
const DEMO_COUNTY = '650109';
/** A minimal PDF: the evidence of the demo fulfilments (checked like any upload). */
const DEMO_PDF = Buffer.from('%PDF-1.4\n%demo evidence\n').toString('base64');

type Step = { fulfil?: { daysAgo: number; amountYuan: number | null }; status?: { action: 'dispute' | 'waive'; reason: string }; submitForReview?: true; draft?: true };
interface DemoClause {
  /** index of the project (0–2) */
  p: number;
  body: Omit<NewClauseBody, 'responsibleUserId' | 'trigger'> & { trigger?: NewClauseBody['trigger'] };
  /** due date as days from today (date trigger) */
  dueInDays?: number;
  steps?: Step;
}

const CLAUSES: DemoClause[] = [
  {
    p: 0,
    body: { clauseNo: '第五条', type: 'subsidy', title: '设备投资补贴', amountYuan: 3_000_000, conditions: '设备发票与安装验收后拨付', policyBasis: '乌鲁木齐市工业发展专项资金管理办法', responsibleDepartment: '工信局', obligationInvestmentYuan: 50_000_000 },
    dueInDays: -150,
    steps: { fulfil: { daysAgo: 160, amountYuan: 3_000_000 } },
  },
  {
    p: 0,
    body: { clauseNo: '第六条', type: 'price', title: '标准厂房前三年租金减半', amountYuan: 1_200_000, responsibleDepartment: '园区管委会', obligationJobs: 120 },
    dueInDays: 75,
  },
  {
    p: 0,
    body: { clauseNo: '第七条', type: 'land', title: '二期用地指标保障', content: '二期 80 亩工业用地纳入年度供地计划', responsibleDepartment: '自然资源局' },
    dueInDays: 200,
  },
  {
    p: 1,
    body: { clauseNo: '第四条', type: 'subsidy', title: '固定资产投资奖励', amountYuan: 5_000_000, conditions: '固定资产投资完成 1 亿元', policyBasis: '米东区招商引资优惠政策', responsibleDepartment: '发改委', obligationInvestmentYuan: 100_000_000 },
    dueInDays: -95,
  },
  {
    p: 1,
    body: { clauseNo: '第八条', type: 'utility', title: '专用供电线路接入', amountYuan: 800_000, content: '10 千伏专线接入至厂区红线', responsibleDepartment: '发改委' },
    dueInDays: -60,
    steps: { status: { action: 'dispute', reason: '企业认为应接至厂区内配电房，与合同文本理解不一致，正在协商' } },
  },
  {
    p: 1,
    body: { clauseNo: '第九条', type: 'subsidy', title: '人才安居补贴', amountYuan: 2_000_000, responsibleDepartment: '人社局', obligationJobs: 300 },
    dueInDays: 40,
    steps: { fulfil: { daysAgo: 20, amountYuan: 800_000 } },
  },
  {
    p: 2,
    body: { clauseNo: '第三条', type: 'subsidy', title: '物流运费补贴', amountYuan: 600_000, responsibleDepartment: '商务局' },
    dueInDays: 30,
    steps: { status: { action: 'waive', reason: '企业自愿放弃，改为申请自治区物流专项（见企业书面函）' } },
  },
  {
    p: 2,
    body: { clauseNo: '第十条', type: 'taxRefund', title: '地方留成税收奖励', amountYuan: 4_000_000, selective: true, conditions: '投产后三年内按年度地方留成部分奖励', responsibleDepartment: '财政局', obligationTaxesYuan: 20_000_000 },
    dueInDays: 400,
    steps: { draft: true, submitForReview: true },
  },
  {
    p: 2,
    body: { clauseNo: '第十一条', type: 'service', title: '投产达效奖励', amountYuan: 1_500_000, responsibleDepartment: '工信局', trigger: { kind: 'fundsReach', amountYuan: 0, daysAfter: 30 } },
  },
];

interface DemoProject {
  id: string;
  funds: string;
}

async function loadProjects(deps: Deps): Promise<DemoProject[] | null> {
  const has = await selectRows<{ n: number }>(deps.db, sql`select count(*)::int as n from commitments c join projects p on p.id = c.project_id where p.code like ${`${DEMO_PROJECT_PREFIX}%`}`);
  if ((has[0]?.n ?? 0) > 0) return null;
  return selectRows<DemoProject>(
    deps.db,
    sql`select p.id, coalesce((select sum(f.amount_yuan) from fund_receipts f where f.project_id = p.id), 0)::text as funds
        from projects p
        where p.code like ${`${DEMO_PROJECT_PREFIX}%`} and p.region_code = ${DEMO_COUNTY} and p.stage in ('signed', 'started', 'operating')
        order by p.signed_date asc nulls last, p.code
        limit 3`,
  );
}

async function applySteps(deps: Deps, caller: ReturnType<typeof createSystemCaller>, id: string, version: number, steps: Step | undefined, today: string) {
  if (steps?.draft) {
    if (steps.submitForReview) await submitClauseForReview(deps, caller, id, version);
    return;
  }
  let c = await agreeClause(deps, caller, id, version);
  if (steps?.fulfil) {
    c = await recordFulfilment(deps, caller, id, {
      fulfilledOn: shiftDate(today, -steps.fulfil.daysAgo),
      amountYuan: steps.fulfil.amountYuan,
      note: '演示数据：财政拨付',
      evidence: { fileName: '拨付凭证（演示）.pdf', contentBase64: DEMO_PDF },
    });
  }
  if (steps?.status) await changeClauseStatus(deps, caller, id, { ...steps.status, version: c.version });
}

export async function seedDemoCommitments(deps: Deps): Promise<number> {
  const projects = await loadProjects(deps);
  if (!projects || projects.length < 3) return 0;
  const [officer] = await selectRows<{ id: string }>(deps.db, sql`select id from users where username = ${RESPONSIBLE_USERNAME}`);
  if (!officer) return 0;
  const caller = createSystemCaller('demo-seed');
  const today = todayInShanghai();
  let n = 0;
  for (const d of CLAUSES) {
    const project = projects[d.p];
    if (!project) continue;
    const funds = Number(project.funds);
    const trigger: NewClauseBody['trigger'] =
      d.body.trigger?.kind === 'fundsReach'
        ? // half as much again as the funds in place so far: not reached yet, the forecast estimates when
          { kind: 'fundsReach', amountYuan: Math.max(10_000_000, Math.round((funds * 1.5) / 10_000) * 10_000), daysAfter: d.body.trigger.daysAfter ?? 0 }
        : { kind: 'date', dueDate: shiftDate(today, d.dueInDays ?? 0) };
    const created = await createClause(deps, caller, project.id, { ...d.body, trigger, responsibleUserId: officer.id });
    await applySteps(deps, caller, created.id, created.version, d.steps, today);
    n += 1;
  }
  return n;
}
