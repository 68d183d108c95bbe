/**
 * 驻点招商小分队 records (issue 13 item 2): list, detail with the roll-up of its activities, create,
 * update, delete. A caller sees and writes the teams of its region's subtree (others answer 404,
 * audited); members are accounts of the team's region (or below) and/or named people. Every change
 * is audited; updates and deletes name the version they were based on. A team with activities is
 * not deleted (it is closed instead).
 */
import {
  countTeamActivities,
  deleteTeamVersioned,
  renameTeamOnActivities,
  insertTeam,
  selectMemberAccounts,
  selectTeam,
  selectTeamActivities,
  selectTeamIdByName,
  selectTeamList,
  selectTeamMonths,
  selectTeamProjects,
  updateTeamVersioned,
  type TeamRow,
} from '../../db/queries/activities/teams-partners';
import type { Team, TeamCreate, TeamList, TeamUpdate } from '../../contracts/resident-teams';
import { AppError } from '../../domain/app-error';
import { msg, type Message } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { recordOutOfScope, requireRegionInScope } from '../regions';
import type { Db } from '../../db/client';

function fail(field: string, message: Message): never {
  throw new AppError('VALIDATION', message, [{ field, message }]);
}

const blank = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim());

export async function listTeams(deps: Deps, caller: Caller, o: { region?: string; q?: string }): Promise<TeamList> {
  const scopePath = o.region ? (await requireRegionInScope(deps, caller, o.region, 'region')).path : caller.actor.regionPath;
  const rows = await selectTeamList(deps.db, scopePath, o.q || undefined);
  return {
    items: rows.map((r) => ({
      id: r.id,
      regionCode: r.region_code,
      regionName: r.region_name,
      name: r.name,
      baseCity: r.base_city,
      periodFrom: r.period_from,
      periodTo: r.period_to,
      status: r.status as TeamRow['status'],
      members: r.members,
      activities: r.activities,
      projects: r.projects,
      signedProjects: r.signed_projects,
    })),
  };
}

async function requireTeamInScope(deps: Deps, caller: Caller, id: string) {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await selectTeam(deps.db, id) : undefined;
  if (!row || !isPathWithin(caller.actor.regionPath, row.regionPath)) {
    if (row) await recordOutOfScope(deps, caller, 'residentTeam', id);
    throw new AppError('NOT_FOUND', msg('team.notFound'));
  }
  return row;
}

export async function getTeam(deps: Deps, caller: Caller, id: string): Promise<Team> {
  const row = await requireTeamInScope(deps, caller, id);
  const scope = caller.actor.regionPath;
  const [activities, months, projects] = await Promise.all([selectTeamActivities(deps.db, id, scope), selectTeamMonths(deps.db, id, scope), selectTeamProjects(deps.db, id, scope)]);
  const signed = projects.filter((p) => p.outcome === 'signed');
  return {
    id: row.id,
    regionCode: row.regionCode,
    regionName: row.regionName,
    name: row.name,
    baseCity: row.baseCity,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    status: row.status,
    members: row.members,
    targetsText: row.targetsText,
    targetActivities: row.targetActivities,
    targetLeads: row.targetLeads,
    targetSignedProjects: row.targetSignedProjects,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    figures: {
      activities: activities.length,
      projects: projects.length,
      signed: signed.length,
      signedAmountYuan: signed.reduce((sum, p) => sum + Number(p.signed_amount ?? 0), 0),
      byMonth: months,
    },
    activities: activities.map((a) => ({ id: a.id, code: a.code, type: a.type, name: a.name, startDate: a.start_date, regionName: a.region_name })),
    projects: projects.map((p) => ({
      projectId: p.project_id,
      code: p.code,
      name: p.name,
      stage: p.stage,
      outcome: p.outcome,
      signedAmountYuan: p.signed_amount === null ? null : Number(p.signed_amount),
      activities: p.activities,
    })),
  };
}

type MemberInput = NonNullable<TeamCreate['members']>[number];

/** Members checked: accounts of the team's region or below (their name taken when none is written), others by name. */
async function resolveMembers(db: Db, regionPath: string, input: readonly MemberInput[]) {
  const accounts = new Map((await selectMemberAccounts(db, input.flatMap((m) => (m.userId ? [m.userId] : [])))).map((u) => [u.id, u]));
  return input.map((m, i) => {
    const account = m.userId ? accounts.get(m.userId) : undefined;
    if (m.userId && (!account || !isPathWithin(regionPath, account.path))) fail(`members.${i}.userId`, msg('team.memberUnknown', { user: m.userId }));
    const name = (m.name ?? '').trim() || account?.display_name || '';
    if (name === '') fail(`members.${i}.name`, msg('team.memberNameMissing', { n: i + 1 }));
    return { userId: m.userId ?? null, name, role: blank(m.role) ?? null };
  });
}

function checkPeriod(from: string | null | undefined, to: string | null | undefined): void {
  if (from && to && to < from) fail('periodTo', msg('team.periodOrder', { from, to }));
}

async function checkNameFree(db: Db, region: { code: string; name: string }, name: string, selfId?: string): Promise<void> {
  const other = await selectTeamIdByName(db, region.code, name);
  if (other && other !== selfId) fail('name', msg('team.nameTaken', { region: region.name, name }));
}

function auditFields(row: TeamRow) {
  const { createdAt: _c, updatedAt: _u, createdBy: _b, ...rest } = row;
  return rest;
}

export async function createTeam(deps: Deps, caller: Caller, input: TeamCreate): Promise<Team> {
  const region = await requireRegionInScope(deps, caller, input.regionCode);
  const name = input.name.trim();
  checkPeriod(input.periodFrom, input.periodTo);
  await checkNameFree(deps.db, region, name);
  const members = await resolveMembers(deps.db, region.path, input.members ?? []);
  const id = await deps.db.transaction(async (tx) => {
    const row = await insertTeam(tx, {
      regionCode: region.code,
      name,
      baseCity: input.baseCity.trim(),
      members,
      periodFrom: input.periodFrom ?? null,
      periodTo: input.periodTo ?? null,
      targetsText: blank(input.targetsText) ?? null,
      targetActivities: input.targetActivities ?? null,
      targetLeads: input.targetLeads ?? null,
      targetSignedProjects: input.targetSignedProjects ?? null,
      status: input.status ?? 'active',
      createdBy: caller.actor.id,
    });
    await recordAudit(tx, caller, { action: 'team.create', objectType: 'residentTeam', objectId: row.id, regionCode: region.code, after: auditFields(row) });
    return row.id;
  });
  return getTeam(deps, caller, id);
}

export async function updateTeam(deps: Deps, caller: Caller, id: string, input: TeamUpdate): Promise<Team> {
  const before = await requireTeamInScope(deps, caller, id);
  if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', msg('team.versionConflict', { current: before.version, base: input.version }));
  const region = input.regionCode !== undefined ? await requireRegionInScope(deps, caller, input.regionCode) : { code: before.regionCode, name: before.regionName, path: before.regionPath };
  const name = input.name !== undefined ? input.name.trim() : before.name;
  checkPeriod(input.periodFrom !== undefined ? input.periodFrom : before.periodFrom, input.periodTo !== undefined ? input.periodTo : before.periodTo);
  if (name !== before.name || region.code !== before.regionCode) await checkNameFree(deps.db, region, name, id);
  const members = input.members !== undefined ? await resolveMembers(deps.db, region.path, input.members) : undefined;
  await deps.db.transaction(async (tx) => {
    const saved = await updateTeamVersioned(tx, id, input.version, {
      regionCode: region.code,
      name,
      ...(input.baseCity !== undefined ? { baseCity: input.baseCity.trim() } : {}),
      ...(members !== undefined ? { members } : {}),
      ...(input.periodFrom !== undefined ? { periodFrom: input.periodFrom } : {}),
      ...(input.periodTo !== undefined ? { periodTo: input.periodTo } : {}),
      ...(input.targetsText !== undefined ? { targetsText: blank(input.targetsText) ?? null } : {}),
      ...(input.targetActivities !== undefined ? { targetActivities: input.targetActivities } : {}),
      ...(input.targetLeads !== undefined ? { targetLeads: input.targetLeads } : {}),
      ...(input.targetSignedProjects !== undefined ? { targetSignedProjects: input.targetSignedProjects } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
    });
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('team.versionConflict', { current: before.version + 1, base: input.version }));
    if (name !== before.name) await renameTeamOnActivities(tx, id, name);
    await recordAudit(tx, caller, { action: 'team.update', objectType: 'residentTeam', objectId: id, regionCode: region.code, before: auditFields(before), after: auditFields(saved) });
  });
  return getTeam(deps, caller, id);
}

export async function deleteTeam(deps: Deps, caller: Caller, id: string, input: { version: number; reason: string }): Promise<{ id: string; deleted: true }> {
  const before = await requireTeamInScope(deps, caller, id);
  if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', msg('team.versionConflict', { current: before.version, base: input.version }));
  const used = await countTeamActivities(deps.db, id);
  if (used > 0) throw new AppError('CONFLICT', msg('team.inUse', { name: before.name, count: used }));
  await deps.db.transaction(async (tx) => {
    if (!(await deleteTeamVersioned(tx, id, input.version))) throw new AppError('VERSION_CONFLICT', msg('team.versionConflict', { current: before.version + 1, base: input.version }));
    await recordAudit(tx, caller, { action: 'team.delete', objectType: 'residentTeam', objectId: id, regionCode: before.regionCode, before: auditFields(before), reason: input.reason });
  });
  return { id, deleted: true };
}
