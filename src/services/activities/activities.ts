/**
 * 招商活动 records (issue 13 item 1): list, detail, create, update, delete. A caller sees and writes
 * only the activities of its region's subtree (others answer 404, audited as out of scope); projects
 * linked must lie in the caller's scope too; organisations carrying a credit code are linked to the
 * enterprise database when the code is there. Every change is audited with before and after;
 * updates and deletes name the version they were based on (optimistic concurrency).
 */
import {
  deleteActivityVersioned,
  insertActivity,
  replaceActivityOrganisations,
  replaceActivityProjects,
  selectActivity,
  selectActivityIdByCode,
  selectActivityOrganisations,
  selectActivityPage,
  selectActivityProjects,
  selectEnterpriseIdsByCreditCodes,
  selectProjectsForLinks,
  updateActivityVersioned,
  type ActivityRow,
} from '../../db/queries/activities/activities';
import type { Activity, ActivityCreate, ActivityList, ActivityUpdate } from '../../contracts/activities';
import { ACTIVITY_TYPE_LABELS, listMissingActivityFacts, type MissingFact as MissingFactKey, type ActivityOutcome, type OrganisationKind } from '../../domain/activities/activity-kinds';
import { AppError } from '../../domain/app-error';
import { validateCreditCode } from '../../domain/credit-code';
import { msg, type Message } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import { selectPartner } from '../../db/queries/activities/teams-partners';
import { describeTripReport, type TripPlanStatus } from '../../domain/activities/trip-plan';
import { todayInShanghai } from '../../domain/dates';
import { recordAudit } from '../audit/audit';
import { computeTripReportDue, describeTripParts, listActivityFiles, listActivityTargets } from './activity-parts';
import { resolveActivityPartner, resolveActivityTeam } from './activity-team-partner';
import type { Caller, Deps } from '../context';
import { recordOutOfScope, requireRegionInScope } from '../regions';
import type { Db } from '../../db/client';

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

function fail(field: string, message: Message): never {
  throw new AppError('VALIDATION', message, [{ field, message }]);
}

export interface ActivityListOptions {
  region?: string;
  type?: string[];
  leaderLevel?: string[];
  hosting?: 'organised' | 'attended';
  incomplete?: boolean;
  from?: string;
  to?: string;
  q?: string;
  report?: 'pending' | 'overdue';
  plan?: TripPlanStatus;
  page: number;
  pageSize: number;
}

export async function listActivities(deps: Deps, caller: Caller, o: ActivityListOptions): Promise<ActivityList> {
  const scopePath = o.region ? (await requireRegionInScope(deps, caller, o.region, 'region')).path : caller.actor.regionPath;
  const today = todayInShanghai();
  const rows = await selectActivityPage(deps.db, {
    scopePath,
    types: o.type,
    leaderLevels: o.leaderLevel,
    hosting: o.hosting,
    incomplete: o.incomplete,
    from: o.from,
    to: o.to,
    q: o.q || undefined,
    report: o.report,
    planStatus: o.plan,
    today,
    limit: o.pageSize,
    offset: (o.page - 1) * o.pageSize,
  });
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      type: r.type as ActivityRow['type'],
      name: r.name,
      startDate: r.start_date,
      endDate: r.end_date,
      regionCode: r.region_code,
      regionName: r.region_name,
      hosting: r.hosting as ActivityRow['hosting'],
      leaderName: r.leader_name,
      leaderLevel: r.leader_level as ActivityRow['leaderLevel'],
      personTrips: r.person_trips,
      destinations: r.destinations,
      missingFacts: r.missing_facts as MissingFactKey[],
      organisations: r.organisations,
      projects: r.projects,
      planStatus: r.plan_status as TripPlanStatus | null,
      reportDueOn: r.report_due_on,
      reportState: r.report_due_on
        ? describeTripReport({ planStatus: r.plan_status as TripPlanStatus | null, endDate: r.end_date, reportDueOn: r.report_due_on, reportSubmittedOn: r.report_submitted_on }, today)
        : null,
    })),
  };
}

/** The activity when it lies in the caller's subtree; otherwise 404 (and an audit row when it exists). */
export async function requireActivityInScope(deps: Deps, caller: Caller, id: string) {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await selectActivity(deps.db, id) : undefined;
  if (!row || !isPathWithin(caller.actor.regionPath, row.regionPath)) {
    if (row) await recordOutOfScope(deps, caller, 'activity', id);
    throw new AppError('NOT_FOUND', msg('activity.notFound'));
  }
  return row;
}

async function loadActivity(db: Db, row: ActivityRow & { regionName: string }): Promise<Activity> {
  const [organisations, projects, partner, trip, targets, files] = await Promise.all([
    selectActivityOrganisations(db, row.id),
    selectActivityProjects(db, row.id),
    row.partnerId ? selectPartner(db, row.partnerId) : undefined,
    describeTripParts(db, row),
    listActivityTargets(db, row.id),
    listActivityFiles(db, row.id),
  ]);
  return {
    id: row.id,
    code: row.code,
    type: row.type,
    name: row.name,
    startDate: row.startDate,
    endDate: row.endDate,
    regionCode: row.regionCode,
    regionName: row.regionName,
    hosting: row.hosting,
    leaderName: row.leaderName,
    leaderLevel: row.leaderLevel,
    personTrips: row.personTrips,
    destinations: row.destinations,
    missingFacts: row.missingFacts as MissingFactKey[],
    residentTeam: row.residentTeam,
    teamId: row.teamId,
    partnerId: row.partnerId,
    partnerName: partner?.name ?? null,
    notes: row.notes,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, creditCode: o.creditCode, enterpriseId: o.enterpriseId, kind: o.kind })),
    projects: projects.map((p) => ({ projectId: p.projectId, code: p.code, name: p.name, stage: p.stage, outcome: p.outcome })),
    plan: trip.plan,
    report: trip.report,
    targets,
    files,
  };
}

export async function getActivity(deps: Deps, caller: Caller, id: string): Promise<Activity> {
  return loadActivity(deps.db, await requireActivityInScope(deps, caller, id));
}

function checkDates(startDate: string, endDate: string): void {
  if (endDate < startDate) fail('endDate', msg('activity.endBeforeStart', { start: startDate, end: endDate }));
}

type OrganisationInput = NonNullable<ActivityCreate['organisations']>[number];
type ProjectInput = NonNullable<ActivityCreate['projects']>[number];

/** Organisations checked (credit codes valid, names once) and linked to the enterprise database by credit code. */
async function resolveOrganisations(db: Db, input: readonly OrganisationInput[]) {
  const seen = new Set<string>();
  const rows: { name: string; creditCode: string | null; kind: OrganisationKind; enterpriseId: string | null }[] = [];
  input.forEach((o, i) => {
    const name = o.name.trim().replace(/\s+/g, ' ');
    if (seen.has(name)) fail(`organisations.${i}.name`, msg('activity.organisationDuplicate', { name }));
    seen.add(name);
    let creditCode: string | null = null;
    if (o.creditCode && o.creditCode.trim() !== '') {
      const checked = validateCreditCode(o.creditCode);
      if (!checked.ok) fail(`organisations.${i}.creditCode`, checked.text ?? msg('activity.creditCodeInvalid', { code: o.creditCode, reason: checked.message ?? '' }));
      creditCode = checked.code;
    }
    rows.push({ name, creditCode, kind: o.kind, enterpriseId: null });
  });
  const ids = await selectEnterpriseIdsByCreditCodes(db, rows.flatMap((r) => (r.creditCode ? [r.creditCode] : [])));
  return rows.map((r) => ({ ...r, enterpriseId: r.creditCode ? (ids.get(r.creditCode) ?? null) : null }));
}

/** Projects in the caller's scope, each once. */
async function resolveProjects(db: Db, caller: Caller, input: readonly ProjectInput[]): Promise<{ projectId: string; outcome: ActivityOutcome }[]> {
  const found = new Map((await selectProjectsForLinks(db, { ids: input.map((p) => p.projectId) })).map((p) => [p.id, p]));
  const seen = new Set<string>();
  return input.map((p, i) => {
    const project = found.get(p.projectId);
    if (!project || !isPathWithin(caller.actor.regionPath, project.path)) fail(`projects.${i}.projectId`, msg('activity.projectNotFound', { project: p.projectId }));
    if (seen.has(p.projectId)) fail(`projects.${i}.projectId`, msg('activity.projectDuplicate', { project: project.code }));
    seen.add(p.projectId);
    return { projectId: p.projectId, outcome: p.outcome };
  });
}

async function generateCode(db: Db, regionCode: string, startDate: string): Promise<string> {
  const prefix = `HD${regionCode}${startDate.replaceAll('-', '')}`;
  for (let n = 1; n < 10_000; n++) {
    const code = `${prefix}${String(n).padStart(3, '0')}`;
    if (!(await selectActivityIdByCode(db, code))) return code;
  }
  throw new AppError('CONFLICT', msg('activity.codeTaken', { code: prefix }));
}

const blank = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim());

export async function createActivity(deps: Deps, caller: Caller, input: ActivityCreate): Promise<Activity> {
  const region = await requireRegionInScope(deps, caller, input.regionCode);
  checkDates(input.startDate, input.endDate);
  if (input.code !== undefined && !CODE_PATTERN.test(input.code)) fail('code', msg('activity.codeFormat', { code: input.code }));
  if (input.code && (await selectActivityIdByCode(deps.db, input.code))) fail('code', msg('activity.codeTaken', { code: input.code }));
  const organisations = await resolveOrganisations(deps.db, input.organisations ?? []);
  const projects = await resolveProjects(deps.db, caller, input.projects ?? []);
  const team = await resolveActivityTeam(deps.db, region.path, input);
  const { partnerId } = await resolveActivityPartner(deps.db, region.path, input.partnerId);
  if (input.plan && input.type !== 'trip') fail('plan', msg('trip.notTrip', { name: input.name, type: ACTIVITY_TYPE_LABELS[input.type] }));
  if (input.plan && input.endDate < todayInShanghai()) fail('plan', msg('trip.planDatesFuture', { end: input.endDate }));
  // a trip logged in the app owes its report on the 15th working day after its end (a ledger import does not)
  const reportDueOn = input.type === 'trip' ? await computeTripReportDue(deps, input.endDate) : null;
  const code = input.code ?? (await generateCode(deps.db, region.code, input.startDate));
  const id = await deps.db.transaction(async (tx) => {
    const row = await insertActivity(tx, {
      code,
      type: input.type,
      name: input.name.trim(),
      startDate: input.startDate,
      endDate: input.endDate,
      regionCode: region.code,
      hosting: input.hosting ?? null,
      leaderName: blank(input.leaderName) ?? null,
      leaderLevel: input.leaderLevel ?? 'none',
      personTrips: input.personTrips ?? null,
      destinations: blank(input.destinations) ?? null,
      residentTeam: team.residentTeam,
      teamId: team.teamId,
      partnerId,
      notes: blank(input.notes) ?? null,
      planStatus: input.plan ? 'planned' : null,
      planText: input.plan ? (blank(input.plan.text) ?? null) : null,
      reportDueOn,
      missingFacts: listMissingActivityFacts({
        type: input.type,
        hosting: input.hosting ?? null,
        personTrips: input.personTrips ?? null,
        leaderName: blank(input.leaderName) ?? null,
        leaderLevel: input.leaderLevel ?? 'none',
        team: { name: team.residentTeam, id: team.teamId },
      }),
      createdBy: caller.actor.id,
    });
    await replaceActivityOrganisations(tx, row.id, organisations);
    await replaceActivityProjects(tx, row.id, projects);
    await recordAudit(tx, caller, {
      action: 'activity.create',
      objectType: 'activity',
      objectId: row.id,
      regionCode: region.code,
      after: { ...auditFields(row), organisations, projects },
    });
    return row.id;
  });
  return getActivity(deps, caller, id);
}

function auditFields(row: ActivityRow) {
  const { createdAt: _c, updatedAt: _u, createdBy: _b, ...rest } = row;
  return rest;
}

export async function updateActivity(deps: Deps, caller: Caller, id: string, input: ActivityUpdate): Promise<Activity> {
  const before = await requireActivityInScope(deps, caller, id);
  if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', msg('activity.versionConflict', { current: before.version, base: input.version }));
  const region = input.regionCode !== undefined ? await requireRegionInScope(deps, caller, input.regionCode) : { code: before.regionCode, path: before.regionPath };
  const regionCode = region.code;
  // the team: a record given, a name given (resolved), cleared (teamId null), or kept
  const team =
    input.teamId || input.residentTeam !== undefined
      ? await resolveActivityTeam(deps.db, region.path, { teamId: input.teamId, residentTeam: input.residentTeam })
      : input.teamId === null
        ? { teamId: null, residentTeam: null }
        : { teamId: before.teamId, residentTeam: before.residentTeam };
  const partner = input.partnerId !== undefined ? await resolveActivityPartner(deps.db, region.path, input.partnerId) : { partnerId: before.partnerId };
  checkDates(input.startDate ?? before.startDate, input.endDate ?? before.endDate);
  const organisations = input.organisations ? await resolveOrganisations(deps.db, input.organisations) : undefined;
  const projects = input.projects ? await resolveProjects(deps.db, caller, input.projects) : undefined;
  const beforeLinks = await loadActivity(deps.db, before);
  // the report's due day follows the end of a trip the app tracks (a ledger's trips stay untracked until they are made trips here)
  const type = input.type ?? before.type;
  const endDate = input.endDate ?? before.endDate;
  const reportDueOn =
    type !== 'trip' ? null : before.reportDueOn !== null || before.type !== 'trip' ? (endDate === before.endDate && before.reportDueOn ? before.reportDueOn : await computeTripReportDue(deps, endDate)) : null;
  const missingFacts = listMissingActivityFacts({
    type: input.type ?? before.type,
    hosting: input.hosting !== undefined ? input.hosting : before.hosting,
    personTrips: input.personTrips !== undefined ? input.personTrips : before.personTrips,
    leaderName: input.leaderName !== undefined ? (blank(input.leaderName) ?? null) : before.leaderName,
    // a level chosen (none included) is known; one left unknown by an import stays so until it is chosen
    leaderLevel: input.leaderLevel ?? (before.missingFacts.includes('leaderLevel') ? null : before.leaderLevel),
    team: { name: team.residentTeam, id: team.teamId },
  });
  await deps.db.transaction(async (tx) => {
    const saved = await updateActivityVersioned(tx, id, input.version, {
      ...(input.type !== undefined ? { type: input.type } : {}),
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.startDate !== undefined ? { startDate: input.startDate } : {}),
      ...(input.endDate !== undefined ? { endDate: input.endDate } : {}),
      regionCode,
      ...(input.hosting !== undefined ? { hosting: input.hosting } : {}),
      ...(input.leaderName !== undefined ? { leaderName: blank(input.leaderName) ?? null } : {}),
      ...(input.leaderLevel !== undefined ? { leaderLevel: input.leaderLevel } : {}),
      ...(input.personTrips !== undefined ? { personTrips: input.personTrips } : {}),
      ...(input.destinations !== undefined ? { destinations: blank(input.destinations) ?? null } : {}),
      residentTeam: team.residentTeam,
      teamId: team.teamId,
      partnerId: partner.partnerId,
      ...(input.notes !== undefined ? { notes: blank(input.notes) ?? null } : {}),
      reportDueOn,
      ...(type !== 'trip' ? { planStatus: null } : {}),
      missingFacts,
    });
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('activity.versionConflict', { current: before.version + 1, base: input.version }));
    if (organisations) await replaceActivityOrganisations(tx, id, organisations);
    if (projects) await replaceActivityProjects(tx, id, projects);
    await recordAudit(tx, caller, {
      action: 'activity.update',
      objectType: 'activity',
      objectId: id,
      regionCode,
      before: { ...auditFields(before), ...(organisations ? { organisations: beforeLinks.organisations } : {}), ...(projects ? { projects: beforeLinks.projects } : {}) },
      after: { ...auditFields(saved), ...(organisations ? { organisations } : {}), ...(projects ? { projects } : {}) },
    });
  });
  return getActivity(deps, caller, id);
}

export async function deleteActivity(deps: Deps, caller: Caller, id: string, input: { version: number; reason: string }): Promise<{ id: string; deleted: true }> {
  const before = await requireActivityInScope(deps, caller, id);
  if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', msg('activity.versionConflict', { current: before.version, base: input.version }));
  const full = await loadActivity(deps.db, before);
  await deps.db.transaction(async (tx) => {
    if (!(await deleteActivityVersioned(tx, id, input.version))) throw new AppError('VERSION_CONFLICT', msg('activity.versionConflict', { current: before.version + 1, base: input.version }));
    await recordAudit(tx, caller, {
      action: 'activity.delete',
      objectType: 'activity',
      objectId: id,
      regionCode: before.regionCode,
      before: { ...auditFields(before), organisations: full.organisations, projects: full.projects },
      reason: input.reason,
    });
  });
  return { id, deleted: true };
}
