/**
 * Gathers a briefing's figures for a region and period (the same counts, whoever generates: the
 * schedule, an editor, the CLI, the demo): the facts of the period and of the period before read from
 * the database, the lights judged on the generation day, then built by domain/briefings/briefing-figures.ts.
 */
import type { ActivityType } from '../../domain/activities/activity-kinds';
import { buildDispatchFigures, buildPeriodFigures, findFigure, type BriefingFigures, type DispatchProject, type PeriodFacts, type RedProject } from '../../domain/briefings/briefing-figures';
import { previousPeriod, type BriefingKind, type BriefingPeriod } from '../../domain/briefings/briefing-periods';
import { renderMessage } from '../../domain/messages/catalog';
import { selectSubtreeCodes } from '../../db/queries/activities/activity-stats';
import {
  selectKeyProjects,
  selectMilestonesOf,
  selectMonthFunds,
  selectOpenProblemsOf,
  selectPeriodActivities,
  selectPeriodFundsEntered,
  selectPeriodSignings,
  selectPeriodStageRows,
  selectRedProjects,
  type FactsWindow,
  type LightFactsRow,
} from '../../db/queries/briefings/briefing-facts';
import { selectBriefingBefore } from '../../db/queries/briefings/briefings';
import { selectOpenProblemDueDates } from '../../db/queries/projects/projects';
import type { Deps } from '../context';
import { buildLightCutoffs, computeProjectLight, getLightRules } from '../projects/project-lights';

export interface BriefingRegion {
  code: string;
  name: string;
  path: string;
}

async function readPeriodFacts(deps: Deps, w: FactsWindow): Promise<PeriodFacts> {
  const [activities, stageRows, signings, entered, month] = await Promise.all([
    selectPeriodActivities(deps.db, w),
    selectPeriodStageRows(deps.db, w),
    selectPeriodSignings(deps.db, w),
    selectPeriodFundsEntered(deps.db, w),
    selectMonthFunds(deps.db, w.regionCodes, w.end.slice(0, 7)),
  ]);
  return {
    activities: activities.map((a) => ({ id: a.id, type: a.type as ActivityType })),
    newLeads: stageRows.filter((h) => h.from_stage === null && h.to_stage === 'lead').map((h) => ({ projectId: h.project_id })),
    stageChanges: stageRows.filter((h) => h.from_stage !== null).map((h) => ({ projectId: h.project_id, toStage: h.to_stage })),
    signings: signings.map((s) => ({ id: s.id, code: s.code, name: s.name, regionName: s.region_name, amountYuan: Number(s.amount ?? 0) })),
    fundsEntered: entered.map((f) => ({ projectId: f.project_id, amountYuan: Number(f.amount) })),
    fundsMonth: month.map((f) => ({ projectId: f.project_id, amountYuan: Number(f.amount) })),
  };
}

const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

async function judgeLights(deps: Deps, rows: readonly LightFactsRow[], asOf: string) {
  const rules = await getLightRules(deps);
  const dueDates = await selectOpenProblemDueDates(
    deps.db,
    rows.map((r) => r.id),
  );
  return new Map(
    rows.map((r) => [
      r.id,
      computeProjectLight(
        { stage: r.stage, lastProgressAt: asDate(r.last_progress_at), agreedStartDate: r.agreed_start_date, startedDate: r.started_date },
        dueDates.get(r.id) ?? [],
        rules,
        asOf,
      ),
    ]),
  );
}

async function previousFigureValue(deps: Deps, region: BriefingRegion, kind: BriefingKind, period: BriefingPeriod, key: string): Promise<number | null> {
  const before = await selectBriefingBefore(deps.db, region.code, kind, period.start);
  if (!before) return null;
  const figures = (before.figures as unknown as BriefingFigures).figures;
  return findFigure(figures, key)?.value ?? null;
}

export async function gatherBriefingFigures(deps: Deps, region: BriefingRegion, kind: BriefingKind, period: BriefingPeriod, asOf: string): Promise<BriefingFigures> {
  const regionCodes = await selectSubtreeCodes(deps.db, region.path);
  const prev = previousPeriod(kind, period);
  const window = { regionCodes, start: period.start, end: period.end };
  const prevWindow = { regionCodes, start: prev.start, end: prev.end };
  if (kind === 'dispatch') return gatherDispatch(deps, region, window, prevWindow, asOf);
  const rules = await getLightRules(deps);
  const [current, previous, redRows, previousRedCount] = await Promise.all([
    readPeriodFacts(deps, window),
    readPeriodFacts(deps, prevWindow),
    selectRedProjects(deps.db, regionCodes, buildLightCutoffs(rules, asOf)),
    previousFigureValue(deps, region, kind, period, 'lights.red'),
  ]);
  const lights = await judgeLights(deps, redRows, asOf);
  const redProjects: RedProject[] = redRows
    .filter((r) => lights.get(r.id)?.light === 'red')
    .map((r) => ({ id: r.id, code: r.code, name: r.name, regionName: r.region_name, stage: r.stage, reasons: (lights.get(r.id)?.reasons ?? []).map((m) => renderMessage(m, 'zh')) }));
  return buildPeriodFigures({ kind, regionCode: region.code, regionName: region.name, period, previousPeriod: prev, asOf, current, previous, redProjects, previousRedCount });
}

async function gatherDispatch(deps: Deps, region: BriefingRegion, window: FactsWindow, prevWindow: FactsWindow, asOf: string): Promise<BriefingFigures> {
  const period = { start: window.start, end: window.end };
  const [rows, previousRows, previousOpenProblems] = await Promise.all([
    selectKeyProjects(deps.db, window),
    selectKeyProjects(deps.db, prevWindow),
    previousFigureValue(deps, region, 'dispatch', period, 'dispatch.openProblems'),
  ]);
  const ids = rows.map((r) => r.id);
  const [milestones, problems, lights] = await Promise.all([selectMilestonesOf(deps.db, ids), selectOpenProblemsOf(deps.db, ids), judgeLights(deps, rows, asOf)]);
  const projects = rows.map((r): DispatchProject & { leaderId: string | null; leaderName: string | null } => {
    const own = milestones.filter((m) => m.project_id === r.id);
    const next = own.find((m) => m.done_on === null);
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      regionName: r.region_name,
      stage: r.stage,
      light: lights.get(r.id)?.light ?? 'green',
      fundsTotalYuan: Number(r.funds_total),
      fundsInPeriodYuan: Number(r.funds_in_period),
      milestonesDone: own.filter((m) => m.done_on !== null && m.done_on >= window.start && m.done_on <= window.end).map((m) => ({ title: m.title, doneOn: m.done_on ?? '' })),
      nextMilestone: next ? { title: next.title, dueDate: next.due_date } : null,
      problems: problems
        .filter((q) => q.project_id === r.id)
        .map((q) => ({ id: q.id, description: q.description, ownerName: q.owner_name, dueDate: q.due_date, overdue: q.due_date < asOf })),
      leaderId: r.leader_id,
      leaderName: r.leader_name,
    };
  });
  return buildDispatchFigures({
    regionCode: region.code,
    regionName: region.name,
    period,
    previousPeriod: { start: prevWindow.start, end: prevWindow.end },
    asOf,
    projects,
    previousFundsInPeriodYuan: previousRows.reduce((n, r) => n + Number(r.funds_in_period), 0),
    previousOpenProblems,
  });
}
