/**
 * Demo 回访 (issue 13 items 6, 7 and 10): the follow-up visits of the demo prefecture's operating
 * projects as if the bureau had kept them up — visits due more than three weeks ago done, with
 * findings; the latest few overdue or coming due. One visit in 米东区 found an unpaid commitment and
 * raised a problem now past its due date (overdue and escalated to the city and the project's
 * leader), one found an expansion plan, one a dispute. Then the notification clocks run once, so
 * demo users open the app to their notifications and the day's digest.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { followUps, projectProblems } from '../db/schema/index';
import { selectRows } from '../db/queries/sql-rows';
import { computeFollowUpSchedule, DEFAULT_AFTERCARE_SETTINGS, type RedFlag } from '../domain/aftercare/follow-ups';
import { todayInShanghai } from '../domain/dates';
import { shiftDate, type WorkingCalendar } from '../domain/working-days';
import { loadWorkingCalendar } from '../services/calendar';
import type { Deps } from '../services/context';
import { runNotificationClocks } from '../services/notifications/run-clocks';

interface LandedProject {
  id: string;
  code: string;
  regionCode: string;
  operatingDate: string;
}

const FINDINGS = [
  '生产经营正常，订单排到下季度，用工稳定',
  '一期产线满负荷运行，企业反映物流成本偏高',
  '产值同比增长，正在申报高新技术企业',
  '设备调试完成，产能逐步释放，暂无诉求',
  '企业反映用电负荷接近上限，已转供电公司',
  '经营平稳，企业希望对接本地配套供应商',
];

const VISITORS: Record<string, string> = { '650109': '马晓东', '650102': '古丽娜尔' };

async function loadLandedProjects(db: Db): Promise<LandedProject[]> {
  return selectRows<LandedProject>(
    db,
    sql`select p.id, p.code, p.region_code as "regionCode", p.operating_date::text as "operatingDate"
        from projects p join regions r on r.code = p.region_code
        where p.code like 'DEMO-%' and p.stage = 'operating' and p.operating_date is not null and r.path like '/650000/650100/%'
          and not exists (select 1 from follow_ups f where f.project_id = p.id)
        order by (p.region_code = '650109') desc, p.operating_date desc, p.code`,
  );
}

/** The visits of one project: schedule dates; those due before `doneBefore` done (a few days after due), the rest open. */
function planVisits(cal: WorkingCalendar, p: LandedProject, index: number, today: string) {
  const doneBefore = shiftDate(today, -21);
  return computeFollowUpSchedule(cal, p.operatingDate, DEFAULT_AFTERCARE_SETTINGS.followUpMonths).map((v, k) => {
    const done = v.dueDate < doneBefore;
    const doneOn = done ? (shiftDate(v.dueDate, (index + k) % 4) < today ? shiftDate(v.dueDate, (index + k) % 4) : v.dueDate) : null;
    return {
      projectId: p.id,
      scheduleMonth: v.scheduleMonth,
      dueDate: v.dueDate,
      doneOn,
      visitorName: doneOn ? (VISITORS[p.regionCode] ?? '招商专员') : null,
      findings: doneOn ? (FINDINGS[(index + k) % FINDINGS.length] ?? FINDINGS[0] ?? '') : null,
      redFlags: [] as RedFlag[],
    };
  });
}

/** Seeds the demo follow-ups once and runs the clocks; returns how many visits were created (0 when they exist). */
export async function seedDemoAftercare(deps: Deps, options: { today?: string } = {}): Promise<number> {
  const today = options.today ?? todayInShanghai();
  const projects = await loadLandedProjects(deps.db);
  if (projects.length === 0) return 0;
  const cal = await loadWorkingCalendar(deps);
  const plans = projects.map((p, i) => planVisits(cal, p, i, today));
  // three telling visits: the latest done visit of the first three projects (米东区 first)
  const latestDone = (i: number) => plans[i]?.filter((v) => v.doneOn).at(-1);
  const unpaid = latestDone(0);
  if (unpaid) {
    unpaid.findings = '企业反映入园时承诺的标准厂房租金补贴尚未兑现，影响二期投资决策';
    unpaid.redFlags = ['unpaidCommitment'];
  }
  const expansion = latestDone(1);
  if (expansion) {
    expansion.findings = '订单饱满，企业计划追加投资建设二期，需新增用地约 50 亩';
    expansion.redFlags = ['expansion'];
  }
  const dispute = latestDone(2);
  if (dispute) {
    dispute.findings = '企业与施工方就厂房质量存在纠纷，已协调住建部门介入';
    dispute.redFlags = ['dispute'];
  }
  await deps.db.transaction(async (tx) => {
    const rows = await tx.insert(followUps).values(plans.flat()).returning({ id: followUps.id, projectId: followUps.projectId, scheduleMonth: followUps.scheduleMonth });
    const unpaidRow = unpaid && rows.find((r) => r.projectId === unpaid.projectId && r.scheduleMonth === unpaid.scheduleMonth);
    if (unpaidRow && unpaid?.doneOn) {
      // due ten days ago: overdue, and more than the default 3 working days past due, so escalated
      await tx.insert(projectProblems).values({
        projectId: unpaid.projectId,
        description: '落实入园承诺的标准厂房租金补贴',
        ownerName: '米东区财政局',
        dueDate: shiftDate(today, -10),
        followUpId: unpaidRow.id,
      });
    }
  });
  await runNotificationClocks(deps, { digest: true });
  return plans.flat().length;
}
