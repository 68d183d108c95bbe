/**
 * The draft text of a briefing, generated in formal Chinese from its figures (每周招商工作简报:
 * "本周共开展外出招商3批次，较上周增加1批次……"), in sections an editor revises before issue.
 * Regenerating refreshes the sections nobody edited and keeps the edited ones (unless asked not to).
 */
import { BRIEFING_KIND_LABELS, PERIOD_WORDS, type BriefingKind } from './briefing-periods';
import { findFigure, type BriefingFigure, type BriefingFigures, type DispatchFigures, type PeriodFigures } from './briefing-figures';

export interface BriefingSection {
  key: string;
  title: string;
  text: string;
  /** revised by an editor (kept when the figures are regenerated) */
  edited: boolean;
}

const STAGE_NAMES: Record<string, string> = { lead: '线索', negotiating: '在谈', signed: '签约', started: '开工', operating: '投产', terminated: '终止' };
const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const LIST_LIMIT = 10;

/** 万元 with up to 2 decimals (half-up), for prose: 12_345_678 → "1234.57万元". */
export function formatWan(yuan: number): string {
  const cents = Math.round(Math.abs(yuan) / 100);
  const s = `${Math.floor(cents / 100)}${cents % 100 === 0 ? '' : `.${String(cents % 100).padStart(2, '0').replace(/0$/, '')}`}`;
  return `${yuan < 0 ? '-' : ''}${s}万元`;
}

function amount(f: BriefingFigure, value: number): string {
  return f.unit === '元' ? formatWan(value) : `${value}${f.unit}`;
}

/** "，较上周增加1批次" / "，较上周减少…" / "，与上周持平" / "" (unknown). */
export function describeChange(f: BriefingFigure, previousWord: string): string {
  if (f.change === null) return '';
  if (f.change === 0) return `，与${previousWord}持平`;
  return `，较${previousWord}${f.change > 0 ? '增加' : '减少'}${amount(f, Math.abs(f.change))}`;
}

function say(f: BriefingFigure | undefined, previousWord: string): string {
  if (!f) return '';
  return `${f.label}${amount(f, f.value)}${describeChange(f, previousWord)}`;
}

function heading(i: number, title: string): string {
  return `${CHINESE_ORDINALS[i] ?? i + 1}、${title}`;
}

function periodSections(f: PeriodFigures): BriefingSection[] {
  const w = PERIOD_WORDS[f.kind];
  const get = (key: string) => findFigure(f.figures, key);
  const activityKeys = ['activities.trip', 'activities.visit', 'activities.reception', 'activities.event', 'activities.signing', 'activities.online'];
  const activityFigures = activityKeys.map(get).filter((x): x is BriefingFigure => x !== undefined);
  const anyActivity = activityFigures.some((x) => x.value > 0 || (x.previous ?? 0) > 0);
  const activities = anyActivity
    ? `${w.current}共开展${activityFigures
        .filter((x) => x.value > 0 || (x.previous ?? 0) > 0)
        .map((x) => say(x, w.previous))
        .join('；')}。`
    : `${w.current}暂无招商活动记录。`;

  const leads = get('projects.newLeads');
  const signed = get('projects.signed');
  const signedAmount = get('projects.signedAmount');
  const changed = get('projects.stageChanged');
  const parts: string[] = [];
  if (leads) parts.push(`${w.current}新增线索项目${leads.value}个${describeChange(leads, w.previous)}`);
  if (signed && signedAmount) {
    parts.push(
      signed.value > 0
        ? `新签约项目${signed.value}个${describeChange(signed, w.previous)}，签约额${formatWan(signedAmount.value)}${describeChange(signedAmount, w.previous)}`
        : `暂无新签约项目${signed.previous ? `（${w.previous}${signed.previous}个）` : ''}`,
    );
  }
  if (changed) {
    const reached = f.stageReached.map((s) => `${s.stage === 'terminated' ? '终止' : `推进至${STAGE_NAMES[s.stage] ?? s.stage}`}${s.count}个`).join('、');
    parts.push(changed.value > 0 ? `${changed.value}个项目阶段发生变化${reached ? `，其中${reached}` : ''}${describeChange(changed, w.previous)}` : '暂无项目阶段变化');
  }
  let projects = `${parts.join('；')}。`;
  if (f.signings.length > 0) {
    const names = f.signings.slice(0, LIST_LIMIT).map((s) => `${s.name}（${formatWan(s.amountYuan)}）`);
    projects += `签约项目为：${names.join('、')}${f.signings.length > LIST_LIMIT ? `等${f.signings.length}个` : ''}。`;
  }

  const entered = get('funds.entered');
  const month = get('funds.month');
  const monthNumber = Number(f.fundsMonth.slice(5, 7));
  const funds =
    `${w.current}新录入到位资金${formatWan(entered?.value ?? 0)}，涉及项目${entered?.ids.length ?? 0}个${entered ? describeChange(entered, w.previous) : ''}` +
    `；${monthNumber}月到位资金累计${formatWan(month?.value ?? 0)}，涉及项目${month?.ids.length ?? 0}个。`;

  const red = get('lights.red');
  let lights: string;
  if (!red || red.value === 0) {
    lights = `截至${f.asOf.slice(5, 7).replace(/^0/, '')}月${Number(f.asOf.slice(8, 10))}日，暂无红灯项目${red ? describeChange(red, w.previous) : ''}。`;
  } else {
    const list = f.redProjects.slice(0, LIST_LIMIT).map((p) => `${p.name}（${p.regionName}，${p.reasons.join('；') || '红灯'}）`);
    lights =
      `截至${Number(f.asOf.slice(5, 7))}月${Number(f.asOf.slice(8, 10))}日，红灯项目${red.value}个${describeChange(red, w.previous)}：${list.join('；')}` +
      `${f.redProjects.length > LIST_LIMIT ? `等` : ''}。请各包联领导和专班督促推进，限期销号。`;
  }
  const next = `${w.current === '本月' ? '下月' : '下周'}工作安排：（请填写）`;
  const titles = ['招商活动开展情况', '项目推进情况', '资金到位情况', '红灯预警', '下步工作'];
  const texts = [activities, projects, funds, lights, next];
  const keys = ['activities', 'projects', 'funds', 'lights', 'next'];
  return keys.map((key, i) => ({ key, title: heading(i, titles[i] ?? ''), text: texts[i] ?? '', edited: false }));
}

function dispatchSections(f: DispatchFigures): BriefingSection[] {
  const w = PERIOD_WORDS.dispatch;
  const get = (key: string) => findFigure(f.figures, key);
  const key = get('dispatch.keyProjects');
  const funds = get('dispatch.funds');
  const problems = get('dispatch.openProblems');
  const overdue = get('dispatch.overdueProblems');
  const red = get('dispatch.red');
  const sections: BriefingSection[] = [
    {
      key: 'overview',
      title: heading(0, '总体情况'),
      text:
        (key && key.value > 0
          ? `纳入调度的重点项目${key.value}个，${w.current}新录入到位资金${formatWan(funds?.value ?? 0)}${funds ? describeChange(funds, w.previous) : ''}；` +
            `未解决问题${problems?.value ?? 0}个${problems ? describeChange(problems, w.previous) : ''}，其中${overdue?.value ?? 0}个项目存在逾期问题；红灯项目${red?.value ?? 0}个。`
          : '暂无纳入调度的重点项目。') + (f.leaders.length > 0 ? `按包联领导分述如下。` : ''),
      edited: false,
    },
  ];
  f.leaders.forEach((g, i) => {
    const lines = g.projects.map((p) => {
      const done = p.milestonesDone.length > 0 ? `${w.current}完成${p.milestonesDone.map((m) => `“${m.title}”`).join('、')}` : `${w.current}无节点完成`;
      const next = p.nextMilestone ? `，下一节点“${p.nextMilestone.title}”${p.nextMilestone.dueDate ? `（计划${p.nextMilestone.dueDate}）` : ''}` : '';
      const problemText =
        p.problems.length > 0
          ? `存在问题：${p.problems.map((q) => `${q.description}（责任人${q.ownerName}，${q.overdue ? `应于${q.dueDate}前解决，已逾期` : `${q.dueDate}前解决`}）`).join('；')}`
          : '暂无待解决问题';
      return `${p.name}（${STAGE_NAMES[p.stage] ?? p.stage}阶段${p.light === 'red' ? '，红灯' : p.light === 'yellow' ? '，黄灯' : ''}）：累计到位资金${formatWan(p.fundsTotalYuan)}，${w.current}新录入${formatWan(p.fundsInPeriodYuan)}；${done}${next}；${problemText}。`;
    });
    sections.push({
      key: `leader:${g.leaderId ?? 'none'}`,
      title: `（${CHINESE_ORDINALS[i] ?? i + 1}）${g.leaderId ? `${g.leaderName}同志包联项目` : g.leaderName}（${g.projects.length}个）`,
      text: lines.join('\n'),
      edited: false,
    });
  });
  sections.push({ key: 'requirements', title: heading(1, '下步要求'), text: '各包联领导要对照问题清单逐项推动解决，逾期问题限期销号。（请修改）', edited: false });
  return sections;
}

export function generateSections(f: BriefingFigures): BriefingSection[] {
  return f.kind === 'dispatch' ? dispatchSections(f) : periodSections(f);
}

/**
 * The sections after a regeneration: generated ones replace the sections nobody edited; edited ones
 * stay (at their place, or after the generated ones when their key is gone) unless `resetText`.
 */
export function mergeSections(generated: readonly BriefingSection[], existing: readonly BriefingSection[], resetText: boolean): BriefingSection[] {
  if (resetText) return [...generated];
  const edited = new Map(existing.filter((s) => s.edited).map((s) => [s.key, s]));
  const merged = generated.map((g) => edited.get(g.key) ?? g);
  const keys = new Set(generated.map((g) => g.key));
  return [...merged, ...existing.filter((s) => s.edited && !keys.has(s.key))];
}

/** 每周招商工作简报 … 第N期 title line pieces. */
export function briefingTitle(kind: BriefingKind, regionName: string): string {
  return `${regionName}${BRIEFING_KIND_LABELS[kind]}`;
}
