/**
 * The figures of a briefing, built from the facts of its period and of the period before (pure):
 * every figure carries the ids of the records it counts, so a reader can open them, and its change
 * against the previous period (较上周). A project counts once per figure however many rows name it.
 * Weekly and monthly briefings share the figures (activities by type, new leads, signings, stage
 * changes, funds, red lights); the 旬调度 lists the key projects per responsible leader.
 */
import type { ActivityType } from '../activities/activity-kinds';
import type { BriefingPeriod } from './briefing-periods';

export type RecordKind = 'activity' | 'project';

export interface BriefingFigure {
  key: string;
  label: string;
  /** 批次, 场, 个, 元 (元: shown as 万元) */
  unit: string;
  value: number;
  /** the same figure for the period before; null when not known (e.g. red lights before the first briefing) */
  previous: number | null;
  /** value − previous; null when previous is null */
  change: number | null;
  recordKind: RecordKind;
  /** the records counted (activities or projects), each once */
  ids: string[];
}

export interface ProjectRef {
  id: string;
  code: string;
  name: string;
  regionName: string;
}

/** What a period's figures are counted from (db/queries/briefings/briefing-facts.ts reads them). */
export interface PeriodFacts {
  activities: readonly { id: string; type: ActivityType }[];
  /** projects created as 线索 in the period */
  newLeads: readonly { projectId: string }[];
  /** projects whose signing date lies in the period */
  signings: readonly (ProjectRef & { amountYuan: number })[];
  /** stage history rows of the period (creation rows excluded), oldest first */
  stageChanges: readonly { projectId: string; toStage: string }[];
  /** receipts entered in the period */
  fundsEntered: readonly { projectId: string; amountYuan: number }[];
  /** receipts of the period's last month (month to date) */
  fundsMonth: readonly { projectId: string; amountYuan: number }[];
}

export interface RedProject extends ProjectRef {
  stage: string;
  reasons: string[];
}

export interface PeriodFigures {
  kind: 'weekly' | 'monthly';
  regionCode: string;
  regionName: string;
  period: BriefingPeriod;
  previousPeriod: BriefingPeriod;
  /** the day the lights were judged (the generation day) */
  asOf: string;
  /** the month of fundsMonth, YYYY-MM */
  fundsMonth: string;
  figures: BriefingFigure[];
  signings: (ProjectRef & { amountYuan: number })[];
  /** projects whose stage changed, by the last stage they reached in the period */
  stageReached: { stage: string; count: number }[];
  redProjects: RedProject[];
}

export interface DispatchProject extends ProjectRef {
  stage: string;
  light: 'green' | 'yellow' | 'red';
  fundsTotalYuan: number;
  fundsInPeriodYuan: number;
  milestonesDone: { title: string; doneOn: string }[];
  nextMilestone: { title: string; dueDate: string | null } | null;
  problems: { id: string; description: string; ownerName: string; dueDate: string; overdue: boolean }[];
}

export interface DispatchLeaderGroup {
  /** null: no 包联领导 recorded */
  leaderId: string | null;
  leaderName: string;
  projects: DispatchProject[];
}

export interface DispatchFigures {
  kind: 'dispatch';
  regionCode: string;
  regionName: string;
  period: BriefingPeriod;
  previousPeriod: BriefingPeriod;
  asOf: string;
  figures: BriefingFigure[];
  leaders: DispatchLeaderGroup[];
}

export type BriefingFigures = PeriodFigures | DispatchFigures;

const EVENT_LIKE: readonly ActivityType[] = ['promotion', 'presentation', 'symposium', 'summit', 'expo'];

const ACTIVITY_FIGURES: { key: string; label: string; unit: string; types: readonly ActivityType[] }[] = [
  { key: 'activities.trip', label: '外出招商', unit: '批次', types: ['trip'] },
  { key: 'activities.visit', label: '上门拜访', unit: '批次', types: ['visit'] },
  { key: 'activities.reception', label: '接待来访', unit: '批次', types: ['reception'] },
  { key: 'activities.event', label: '推介洽谈活动', unit: '场', types: EVENT_LIKE },
  { key: 'activities.signing', label: '签约仪式', unit: '场', types: ['signing'] },
  { key: 'activities.online', label: '网络招商', unit: '次', types: ['online'] },
];

const unique = (ids: Iterable<string>) => [...new Set(ids)];
const sum = (rows: readonly { amountYuan: number }[]) => rows.reduce((a, r) => a + r.amountYuan, 0);

interface Measure {
  key: string;
  label: string;
  unit: string;
  recordKind: RecordKind;
  measure: (f: PeriodFacts) => { value: number; ids: string[] };
}

const MEASURES: Measure[] = [
  ...ACTIVITY_FIGURES.map(
    (a): Measure => ({
      key: a.key,
      label: a.label,
      unit: a.unit,
      recordKind: 'activity',
      measure: (f) => {
        const ids = unique(f.activities.filter((x) => a.types.includes(x.type)).map((x) => x.id));
        return { value: ids.length, ids };
      },
    }),
  ),
  { key: 'projects.newLeads', label: '新增线索项目', unit: '个', recordKind: 'project', measure: (f) => countIds(f.newLeads.map((r) => r.projectId)) },
  { key: 'projects.signed', label: '新签约项目', unit: '个', recordKind: 'project', measure: (f) => countIds(f.signings.map((r) => r.id)) },
  {
    key: 'projects.signedAmount',
    label: '签约额',
    unit: '元',
    recordKind: 'project',
    measure: (f) => {
      const byId = new Map(f.signings.map((s) => [s.id, s.amountYuan]));
      return { value: sum([...byId.values()].map((amountYuan) => ({ amountYuan }))), ids: [...byId.keys()] };
    },
  },
  { key: 'projects.stageChanged', label: '阶段推进项目', unit: '个', recordKind: 'project', measure: (f) => countIds(f.stageChanges.map((r) => r.projectId)) },
  { key: 'funds.entered', label: '新录入到位资金', unit: '元', recordKind: 'project', measure: (f) => ({ value: sum(f.fundsEntered), ids: unique(f.fundsEntered.map((r) => r.projectId)) }) },
  { key: 'funds.month', label: '当月到位资金', unit: '元', recordKind: 'project', measure: (f) => ({ value: sum(f.fundsMonth), ids: unique(f.fundsMonth.map((r) => r.projectId)) }) },
];

function countIds(ids: readonly string[]): { value: number; ids: string[] } {
  const u = unique(ids);
  return { value: u.length, ids: u };
}

function figure(m: { key: string; label: string; unit: string; recordKind: RecordKind }, value: number, ids: string[], previous: number | null): BriefingFigure {
  return { key: m.key, label: m.label, unit: m.unit, value, previous, change: previous === null ? null : value - previous, recordKind: m.recordKind, ids };
}

const STAGE_ORDER = ['lead', 'negotiating', 'signed', 'started', 'operating', 'terminated'];

/**
 * The weekly (or monthly) figures: each measure of the period beside the period before; red lights
 * are a state, not a count over the period: their previous value is the last briefing's, when there is one.
 */
export function buildPeriodFigures(input: {
  kind: 'weekly' | 'monthly';
  regionCode: string;
  regionName: string;
  period: BriefingPeriod;
  previousPeriod: BriefingPeriod;
  asOf: string;
  current: PeriodFacts;
  previous: PeriodFacts;
  redProjects: readonly RedProject[];
  previousRedCount: number | null;
}): PeriodFigures {
  const figures = MEASURES.map((m) => {
    const now = m.measure(input.current);
    return figure(m, now.value, now.ids, m.measure(input.previous).value);
  });
  const redIds = unique(input.redProjects.map((p) => p.id));
  figures.push(figure({ key: 'lights.red', label: '红灯项目', unit: '个', recordKind: 'project' }, redIds.length, redIds, input.previousRedCount));
  const lastStage = new Map<string, string>();
  for (const c of input.current.stageChanges) lastStage.set(c.projectId, c.toStage);
  const reached = new Map<string, number>();
  for (const stage of lastStage.values()) reached.set(stage, (reached.get(stage) ?? 0) + 1);
  const signings = [...new Map(input.current.signings.map((s) => [s.id, s])).values()];
  return {
    kind: input.kind,
    regionCode: input.regionCode,
    regionName: input.regionName,
    period: input.period,
    previousPeriod: input.previousPeriod,
    asOf: input.asOf,
    fundsMonth: input.period.end.slice(0, 7),
    figures,
    signings,
    stageReached: STAGE_ORDER.filter((s) => reached.has(s)).map((stage) => ({ stage, count: reached.get(stage) ?? 0 })),
    redProjects: [...input.redProjects],
  };
}

/** The 旬调度 figures: key projects per leader (leaders by name, 未明确包联领导 last), with totals. */
export function buildDispatchFigures(input: {
  regionCode: string;
  regionName: string;
  period: BriefingPeriod;
  previousPeriod: BriefingPeriod;
  asOf: string;
  projects: readonly (DispatchProject & { leaderId: string | null; leaderName: string | null })[];
  previousFundsInPeriodYuan: number;
  previousOpenProblems: number | null;
}): DispatchFigures {
  const groups = new Map<string, DispatchLeaderGroup>();
  for (const p of input.projects) {
    const key = p.leaderId ?? '';
    const { leaderId: _l, leaderName: _n, ...project } = p;
    const group = groups.get(key) ?? { leaderId: p.leaderId, leaderName: p.leaderName ?? '未明确包联领导', projects: [] };
    group.projects.push(project);
    groups.set(key, group);
  }
  const leaders = [...groups.values()].sort((a, b) => (a.leaderId === null ? 1 : b.leaderId === null ? -1 : a.leaderName.localeCompare(b.leaderName, 'zh-CN')));
  for (const g of leaders) g.projects.sort((a, b) => a.code.localeCompare(b.code));
  const all = input.projects;
  const withProblems = all.filter((p) => p.problems.length > 0);
  const overdue = all.filter((p) => p.problems.some((q) => q.overdue));
  const funded = all.filter((p) => p.fundsInPeriodYuan > 0);
  const openProblems = all.reduce((n, p) => n + p.problems.length, 0);
  const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);
  const fundsNow = all.reduce((n, p) => n + p.fundsInPeriodYuan, 0);
  return {
    kind: 'dispatch',
    regionCode: input.regionCode,
    regionName: input.regionName,
    period: input.period,
    previousPeriod: input.previousPeriod,
    asOf: input.asOf,
    figures: [
      figure({ key: 'dispatch.keyProjects', label: '重点项目', unit: '个', recordKind: 'project' }, all.length, ids(all), null),
      figure({ key: 'dispatch.funds', label: '本旬新录入到位资金', unit: '元', recordKind: 'project' }, fundsNow, ids(funded), input.previousFundsInPeriodYuan),
      figure({ key: 'dispatch.openProblems', label: '未解决问题', unit: '个', recordKind: 'project' }, openProblems, ids(withProblems), input.previousOpenProblems),
      figure({ key: 'dispatch.overdueProblems', label: '问题逾期项目', unit: '个', recordKind: 'project' }, overdue.length, ids(overdue), null),
      figure({ key: 'dispatch.red', label: '红灯项目', unit: '个', recordKind: 'project' }, all.filter((p) => p.light === 'red').length, ids(all.filter((p) => p.light === 'red')), null),
    ],
    leaders,
  };
}

/** The figure of `key`, for prose and documents. */
export function findFigure(figures: readonly BriefingFigure[], key: string): BriefingFigure | undefined {
  return figures.find((f) => f.key === key);
}


