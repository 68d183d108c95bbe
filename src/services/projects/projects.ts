/**
 * The project pipeline: create, edit (optimistic locking), stage changes by the stage rules, the
 * 五个一 team and plan, lights, and the list with filters — all within the caller's region scope.
 */
import { findOrCreateEnterprise, refreshContactRegionCodes } from '../../db/queries/enterprises/enterprises';
import { flagNearDuplicateNames } from '../../db/queries/enterprises/enterprise-duplicates';
import {
  insertProject,
  insertStageHistory,
  replaceMilestones,
  replaceTeam,
  selectMaxCodeWithPrefix,
  selectMilestones,
  selectOpenProblemDueDates,
  selectIncompleteCountsByRegion,
  selectProjectByCode,
  selectProjectPage,
  selectProjectView,
  selectStageHistory,
  selectTeam,
  selectUsersByIds,
  updateProjectVersioned,
  type ProjectPatch,
  type ProjectRow,
  type ProjectViewRow,
} from '../../db/queries/projects/projects';
import { selectIndustries } from '../../db/queries/regions';
import { AppError } from '../../domain/app-error';
import { validateCreditCode } from '../../domain/credit-code';
import { todayInShanghai } from '../../domain/dates';
import {
  checkTransition,
  FACT_NAMES,
  listBrokenRulesForEdit,
  listMissingFacts,
  listUnmetRules,
  PIPELINE,
  STAGE_NAMES,
  type FactField,
  type Likelihood,
  type ProjectFacts,
  type ProjectStage,
} from '../../domain/project-stages';
import { checkPeriodMessage, lastDayOfMonth } from '../../domain/indicators';
import { isPathWithin } from '../../domain/region-scope';
import type { LightResult } from '../../domain/project-light';
import { msg, renderMessage, type Lang, type Message } from '../../domain/messages/catalog';
import { attachEvidenceToStage } from '../../db/queries/projects/project-extras';
import { resolveActivityPartner } from '../activities/activity-team-partner';
import { recordAudit } from '../audit/audit';
import { getEvidencePolicy, receiptFilterOf } from '../funds/evidence-policy';
import type { Caller, Deps } from '../context';
import { buildLightCutoffs, computeProjectLight, getLightRules } from './project-lights';
import { recordOutOfScope, requireRegionInScope } from '../regions';
import type { ProjectChannel } from '../../domain/project-channels';
import { assertProjectFiguresUnlocked, type ProjectFiguresChange } from '../returns/locked-figures';
import { listIndustryCodesUnder } from '../../reference/industry-classification';
import { checkProjectChainNode, listChainNodeFilterCodes, normalizeChainNodeCode } from './project-chain-node';
import { readExcludeTags } from '../statistics/statistics-query';
import { rescheduleFollowUps, scheduleMissingFollowUps } from '../aftercare/follow-up-schedule';

export type ProjectSource = 'local' | 'outOfRegion' | 'foreign';

export interface ProjectInput {
  code?: string;
  name: string;
  regionCode: string;
  investorName: string | null;
  investorCreditCode: string | null;
  source: ProjectSource | null;
  industryCode: string | null;
  plannedInvestmentYuan: number | null;
  signedAmountYuan: number | null;
  signedDate: string | null;
  agreedStartDate: string | null;
  startedDate: string | null;
  operatingDate: string | null;
  likelihood: Likelihood | null;
  expectedLandingDate: string | null;
  description: string | null;
  leaderId: string | null;
  broughtByPartnerId: string | null;
  teamMemberIds: string[];
  milestones: { title: string; dueDate: string | null; doneOn: string | null }[];
  tags: string[];
  isKey: boolean;
  channel: ProjectChannel | null;
  /** 产业链节点 (node code); null: none */
  chainNode: string | null;
}

export type ProjectEdit = Partial<Omit<ProjectInput, 'code' | 'milestones'>> & { milestones?: MilestoneInput[]; version: number };

export interface MilestoneInput {
  title: string;
  dueDate?: string | null;
  doneOn?: string | null;
}

/** What a caller may send to create a project: name and region, the rest optional (unknown = null). */
export type ProjectCreateInput = Pick<ProjectInput, 'name' | 'regionCode'> &
  Partial<Omit<ProjectInput, 'name' | 'regionCode' | 'milestones'>> & {
    milestones?: MilestoneInput[];
    stage?: ProjectStage;
    /** the activity (a trip's report) the lead came from: set by services only, not by the project form */
    originActivityId?: string;
    /** the inquiry (在线对接) the lead came from: set by services only */
    originInquiryId?: string;
  };

function normalizeMilestones(items: MilestoneInput[]) {
  return items.map((m) => ({ title: m.title, dueDate: m.dueDate ?? null, doneOn: m.doneOn ?? null }));
}

function withProjectDefaults(raw: ProjectCreateInput): ProjectInput & { stage?: ProjectStage } {
  return {
    code: raw.code,
    stage: raw.stage,
    name: raw.name,
    regionCode: raw.regionCode,
    investorName: raw.investorName ?? null,
    investorCreditCode: raw.investorCreditCode ?? null,
    source: raw.source ?? null,
    industryCode: raw.industryCode ?? null,
    plannedInvestmentYuan: raw.plannedInvestmentYuan ?? null,
    signedAmountYuan: raw.signedAmountYuan ?? null,
    signedDate: raw.signedDate ?? null,
    agreedStartDate: raw.agreedStartDate ?? null,
    startedDate: raw.startedDate ?? null,
    operatingDate: raw.operatingDate ?? null,
    likelihood: raw.likelihood ?? null,
    expectedLandingDate: raw.expectedLandingDate ?? null,
    description: raw.description ?? null,
    leaderId: raw.leaderId ?? null,
    broughtByPartnerId: raw.broughtByPartnerId ?? null,
    teamMemberIds: raw.teamMemberIds ?? [],
    milestones: normalizeMilestones(raw.milestones ?? []),
    tags: raw.tags ?? [],
    isKey: raw.isKey ?? false,
    channel: raw.channel ?? null,
    chainNode: normalizeChainNodeCode(raw.chainNode),
  };
}

const NOT_FOUND = msg('project.notFound');

type FiguresFields = Pick<ProjectRow, 'regionCode' | 'source' | 'signedDate' | 'signedAmountYuan' | 'investorId' | 'startedDate' | 'stage'>;

/** A project's change as the locked-figures rule sees it (before null: a project being created). */
function toFiguresChange(project: { id: string | null; code: string; name: string }, before: FiguresFields | null, after: FiguresFields): ProjectFiguresChange {
  return {
    key: 0,
    projectId: project.id,
    code: project.code,
    name: project.name,
    oldRegionCode: before?.regionCode ?? null,
    newRegionCode: after.regionCode,
    oldSource: before?.source ?? null,
    newSource: after.source,
    oldSignedDate: before?.signedDate ?? null,
    newSignedDate: after.signedDate,
    oldSignedYuan: before?.signedAmountYuan ?? null,
    newSignedYuan: after.signedAmountYuan,
    oldInvestorId: before?.investorId ?? null,
    newInvestorId: after.investorId,
    oldStartedDate: before?.startedDate ?? null,
    newStartedDate: after.startedDate,
    oldTerminated: before?.stage === 'terminated',
    newTerminated: after.stage === 'terminated',
  };
}

function toNumber(v: bigint | null): number | null {
  if (v === null) return null;
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`amount out of the safe integer range: ${v}`);
  return n;
}

function toBigint(v: number | null | undefined): bigint | null {
  return v === null || v === undefined ? null : BigInt(v);
}

export function toFacts(p: Pick<ProjectRow, 'stage' | 'signedDate' | 'signedAmountYuan' | 'agreedStartDate' | 'startedDate' | 'operatingDate' | 'likelihood' | 'expectedLandingDate' | 'terminationReason'>, investorName: string | null): ProjectFacts {
  return {
    stage: p.stage,
    investorName,
    likelihood: p.likelihood,
    expectedLandingDate: p.expectedLandingDate,
    signedDate: p.signedDate,
    signedAmountYuan: p.signedAmountYuan,
    agreedStartDate: p.agreedStartDate,
    startedDate: p.startedDate,
    operatingDate: p.operatingDate,
    terminationReason: p.terminationReason,
  };
}

function describeMissingFacts(fields: FactField[], lang: Lang) {
  return fields.map((field) => ({ field, label: renderMessage(FACT_NAMES[field], lang) }));
}

/** A project as the API answers it; `lang` is the language of its texts (light reasons, missing facts). */
export function toProjectDto(v: ProjectViewRow, light: LightResult, lang: Lang = 'zh') {
  const p = v.project;
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    regionCode: p.regionCode,
    regionName: v.regionName,
    investorId: p.investorId,
    investorName: v.investorName,
    investorCreditCode: v.investorCreditCode,
    source: p.source,
    industryCode: p.industryCode,
    industryName: v.industryName,
    plannedInvestmentYuan: toNumber(p.plannedInvestmentYuan),
    signedAmountYuan: toNumber(p.signedAmountYuan),
    signedDate: p.signedDate,
    agreedStartDate: p.agreedStartDate,
    startedDate: p.startedDate,
    operatingDate: p.operatingDate,
    stage: p.stage,
    stageBeforeTermination: p.stageBeforeTermination,
    likelihood: p.likelihood,
    expectedLandingDate: p.expectedLandingDate,
    terminationReason: p.terminationReason,
    description: p.description,
    leaderId: p.leaderId,
    leaderName: v.leaderName,
    broughtByPartnerId: p.broughtByPartnerId,
    broughtByPartnerName: v.broughtByPartnerName,
    tags: p.tags,
    isKey: p.isKey,
    channel: p.channel,
    /** 产业链节点 (code) with its name and chain; chainNodeCurrent false: no longer in the chain's current version */
    chainNode: p.chainNodeCode,
    chainNodeName: v.chainNodeName,
    chainNodeCurrent: v.chainNodeCurrent,
    chainCode: v.chainCode,
    chainName: v.chainName,
    /** 资料不全: the facts its stage needs that are unknown (derived, so filling one clears it) */
    missingFields: describeMissingFacts(listMissingFacts(toFacts(p, v.investorName)), lang),
    fundsTotalYuan: Number(v.fundsTotalYuan),
    light: light.light,
    lightReasons: light.reasons.map((r) => renderMessage(r, lang)),
    lastProgressAt: p.lastProgressAt.toISOString(),
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
export type ProjectDto = ReturnType<typeof toProjectDto>;

/** What the audit trail keeps of a project: its fields, not the light computed on the day. */
function toAuditSnapshot(v: ProjectViewRow) {
  const { light: _light, lightReasons: _reasons, ...rest } = toProjectDto(v, { light: 'green', reasons: [] });
  return rest;
}

/** The project when it lies in the caller's scope, else 404 (and an audit row for a real one). */
export async function requireProjectInScope(deps: Deps, caller: Caller, id: string): Promise<ProjectViewRow> {
  const view = /^[0-9a-f-]{36}$/i.test(id) ? await selectProjectView(deps.db, id) : undefined;
  if (!view || !isPathWithin(caller.actor.regionPath, view.regionPath)) {
    if (view) await recordOutOfScope(deps, caller, 'project', id);
    throw new AppError('NOT_FOUND', NOT_FOUND);
  }
  return view;
}

async function describeLight(deps: Deps, view: ProjectViewRow) {
  const rules = await getLightRules(deps);
  const dues = await selectOpenProblemDueDates(deps.db, [view.project.id]);
  return computeProjectLight(view.project, dues.get(view.project.id) ?? [], rules, todayInShanghai());
}

async function loadDto(deps: Deps, id: string, lang: Lang | undefined): Promise<ProjectDto> {
  const view = await selectProjectView(deps.db, id);
  if (!view) throw new AppError('NOT_FOUND', NOT_FOUND);
  return toProjectDto(view, await describeLight(deps, view), lang);
}

function fail(field: string, message: Message): never {
  throw new AppError('VALIDATION', message, [{ field, message }]);
}

async function checkIndustry(deps: Deps, code: string | null | undefined) {
  if (!code) return;
  const all = await selectIndustries(deps.db);
  if (!all.some((i) => i.code === code)) fail('industryCode', msg('project.industryUnknown', { code }));
}

async function checkPeople(deps: Deps, caller: Caller, leaderId: string | null | undefined, team: string[] | undefined) {
  const ids = [...new Set([...(leaderId ? [leaderId] : []), ...(team ?? [])])];
  const found = await selectUsersByIds(deps.db, ids);
  for (const id of ids) {
    const u = found.find((f) => f.id === id);
    // people of the project come from the caller's region tree or above it (a prefecture leader for a county project)
    if (!u || u.status !== 'active') fail(id === leaderId ? 'leaderId' : 'teamMemberIds', msg('project.userInactive', { id }));
    if (!isPathWithin(u.regionPath, caller.actor.regionPath) && !isPathWithin(caller.actor.regionPath, u.regionPath)) {
      fail(id === leaderId ? 'leaderId' : 'teamMemberIds', msg('project.userOutOfRegion', { name: u.displayName }));
    }
  }
}

async function resolveInvestor(deps: Deps, name: string | null | undefined, creditCode: string | null | undefined) {
  const cleanName = name?.trim() || null;
  let code = creditCode?.trim() || null;
  if (code) {
    const check = validateCreditCode(code);
    if (!check.ok) fail('investorCreditCode', check.text ?? msg('project.creditCodeInvalid'));
    code = check.code;
  }
  if (!cleanName) {
    if (code) fail('investorName', msg('project.investorNameRequired'));
    return null;
  }
  const investor = await findOrCreateEnterprise(deps.db, cleanName, code);
  // an investor known only by name may be an enterprise the registry knows: flag it for review
  if (!investor.creditCode) await flagNearDuplicateNames(deps.db, { enterpriseIds: [investor.id] });
  return investor;
}

/** XM + region + date + a 4-digit sequence of that region and day: XM650109202611210001. */
async function generateCode(deps: Deps, regionCode: string): Promise<string> {
  const prefix = `XM${regionCode}${todayInShanghai().replaceAll('-', '')}`;
  const max = await selectMaxCodeWithPrefix(deps.db, prefix);
  const next = max ? Number(max.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(next).padStart(4, '0')}`;
}

const TODAY = () => todayInShanghai();

export async function createProject(deps: Deps, caller: Caller, raw: ProjectCreateInput): Promise<ProjectDto> {
  const input = withProjectDefaults(raw);
  const region = await requireRegionInScope(deps, caller, input.regionCode);
  await checkIndustry(deps, input.industryCode);
  await checkProjectChainNode(deps, input.chainNode, region, null);
  await checkPeople(deps, caller, input.leaderId, input.teamMemberIds);
  await resolveActivityPartner(deps.db, region.path, input.broughtByPartnerId, 'broughtByPartnerId');
  const code = input.code?.trim() || (await generateCode(deps, region.code));
  if (await selectProjectByCode(deps.db, code)) fail('code', msg('project.codeTaken', { code }));
  const stage = input.stage ?? 'lead';
  const facts: ProjectFacts = {
    stage,
    investorName: input.investorName?.trim() || null,
    likelihood: input.likelihood,
    expectedLandingDate: input.expectedLandingDate,
    signedDate: input.signedDate,
    signedAmountYuan: toBigint(input.signedAmountYuan),
    agreedStartDate: input.agreedStartDate,
    startedDate: input.startedDate,
    operatingDate: input.operatingDate,
    terminationReason: null,
  };
  if (stage === 'terminated') fail('stage', msg('project.createTerminated'));
  const unmet = listUnmetRules(facts, stage, TODAY());
  if (unmet.length > 0) {
    throw new AppError(
      'VALIDATION',
      msg('project.createMissing', { stage: STAGE_NAMES[stage], missing: unmet.map((r) => r.text) }),
      unmet.map((r) => ({ field: r.fields[0], message: r.text })),
    );
  }
  const id = await deps.db.transaction(async (tx) => {
    const investor = await resolveInvestor({ ...deps, db: tx }, input.investorName, input.investorCreditCode);
    // a project signed within an approved month's year to date would change its figures
    await assertProjectFiguresUnlocked(
      tx,
      toFiguresChange({ id: null, code, name: input.name.trim() }, null, {
        regionCode: region.code,
        source: input.source,
        signedDate: input.signedDate,
        signedAmountYuan: toBigint(input.signedAmountYuan),
        investorId: investor?.id ?? null,
        startedDate: input.startedDate,
        stage,
      }),
    );
    const row = await insertProject(tx, {
      code,
      name: input.name.trim(),
      regionCode: region.code,
      investorId: investor?.id ?? null,
      source: input.source,
      industryCode: input.industryCode,
      plannedInvestmentYuan: toBigint(input.plannedInvestmentYuan),
      signedAmountYuan: toBigint(input.signedAmountYuan),
      signedDate: input.signedDate,
      agreedStartDate: input.agreedStartDate,
      startedDate: input.startedDate,
      operatingDate: input.operatingDate,
      stage,
      likelihood: input.likelihood,
      expectedLandingDate: input.expectedLandingDate,
      description: input.description,
      leaderId: input.leaderId,
      broughtByPartnerId: input.broughtByPartnerId,
      originActivityId: raw.originActivityId ?? null,
      originInquiryId: raw.originInquiryId ?? null,
      tags: [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))],
      isKey: input.isKey,
      channel: input.channel,
      chainNodeCode: input.chainNode,
      createdBy: caller.actor.id,
    });
    await replaceTeam(tx, row.id, input.teamMemberIds);
    await replaceMilestones(tx, row.id, input.milestones);
    await refreshContactRegionCodes(tx, [row.investorId]);
    await insertStageHistory(tx, { projectId: row.id, fromStage: null, toStage: stage, note: '新建项目', changedBy: caller.actor.id, changedByName: caller.actor.displayName });
    // 回访: a project created as 投产 gets its follow-up schedule
    if (stage === 'operating') await scheduleMissingFollowUps({ ...deps, db: tx }, { projectIds: [row.id] });
    const view = await selectProjectView(tx, row.id);
    if (!view) throw new Error('created project not found');
    await recordAudit(tx, caller, { action: 'project.create', objectType: 'project', objectId: row.id, regionCode: region.code, after: toAuditSnapshot(view) });
    return row.id;
  });
  return loadDto(deps, id, caller.lang);
}

export async function updateProject(deps: Deps, caller: Caller, id: string, edit: ProjectEdit): Promise<ProjectDto> {
  const view = await requireProjectInScope(deps, caller, id);
  const before = view.project;
  const newRegion = edit.regionCode !== undefined && edit.regionCode !== before.regionCode ? await requireRegionInScope(deps, caller, edit.regionCode) : null;
  if (edit.industryCode !== undefined) await checkIndustry(deps, edit.industryCode);
  const chainNode = edit.chainNode !== undefined ? normalizeChainNodeCode(edit.chainNode) : before.chainNodeCode;
  // a new node, or the node under a new region: the node must suit the project's region (an old node may stay)
  if (chainNode !== before.chainNodeCode || newRegion) {
    await checkProjectChainNode(deps, chainNode, newRegion ?? { path: view.regionPath, name: view.regionName }, before.chainNodeCode);
  }
  if (edit.leaderId !== undefined || edit.teamMemberIds !== undefined) await checkPeople(deps, caller, edit.leaderId, edit.teamMemberIds);
  if (edit.broughtByPartnerId || (newRegion && before.broughtByPartnerId)) {
    await resolveActivityPartner(deps.db, newRegion?.path ?? view.regionPath, edit.broughtByPartnerId ?? before.broughtByPartnerId, 'broughtByPartnerId');
  }
  const patch: ProjectPatch = { lastProgressAt: new Date() };
  if (edit.name !== undefined) patch.name = edit.name.trim();
  if (edit.regionCode !== undefined) patch.regionCode = edit.regionCode;
  if (edit.source !== undefined) patch.source = edit.source;
  if (edit.industryCode !== undefined) patch.industryCode = edit.industryCode;
  if (edit.plannedInvestmentYuan !== undefined) patch.plannedInvestmentYuan = toBigint(edit.plannedInvestmentYuan);
  if (edit.signedAmountYuan !== undefined) patch.signedAmountYuan = toBigint(edit.signedAmountYuan);
  for (const k of ['signedDate', 'agreedStartDate', 'startedDate', 'operatingDate', 'likelihood', 'expectedLandingDate', 'description', 'leaderId', 'broughtByPartnerId'] as const) {
    if (edit[k] !== undefined) (patch as Record<string, unknown>)[k] = edit[k];
  }
  if (edit.tags !== undefined) patch.tags = [...new Set(edit.tags.map((t) => t.trim()).filter(Boolean))];
  if (edit.isKey !== undefined) patch.isKey = edit.isKey;
  if (edit.channel !== undefined) patch.channel = edit.channel;
  if (edit.chainNode !== undefined) patch.chainNodeCode = chainNode;
  const investorChanged = edit.investorName !== undefined || edit.investorCreditCode !== undefined;
  const afterFacts = toFacts({ ...before, ...patch } as ProjectRow, investorChanged ? edit.investorName?.trim() || null : view.investorName);
  const broken = listBrokenRulesForEdit(toFacts(before, view.investorName), afterFacts, TODAY());
  if (broken.length > 0) {
    throw new AppError(
      'VALIDATION',
      msg('project.editConflict', { stage: STAGE_NAMES[before.stage], broken: broken.map((r) => r.text) }),
      broken.map((r) => ({ field: r.fields[0], message: r.text })),
    );
  }
  await deps.db.transaction(async (tx) => {
    if (investorChanged) {
      const investor = await resolveInvestor({ ...deps, db: tx }, edit.investorName ?? view.investorName, edit.investorCreditCode ?? null);
      patch.investorId = investor?.id ?? null;
    }
    // a change of region, source, signing, investor or start that an approved month counts is refused
    await assertProjectFiguresUnlocked(tx, toFiguresChange(before, before, { ...before, ...patch } as ProjectRow));
    const saved = await updateProjectVersioned(tx, id, edit.version, patch);
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('project.versionConflict'));
    // "already in contact" of the old and the new investor follows the project's investor and region
    if (investorChanged || patch.regionCode !== undefined) await refreshContactRegionCodes(tx, [before.investorId, saved.investorId]);
    if (edit.teamMemberIds !== undefined) await replaceTeam(tx, id, edit.teamMemberIds);
    if (edit.milestones !== undefined) await replaceMilestones(tx, id, normalizeMilestones(edit.milestones));
    // a corrected 投产 date moves the follow-up visits not done yet
    if (saved.stage === 'operating' && saved.operatingDate && saved.operatingDate !== before.operatingDate) await rescheduleFollowUps({ ...deps, db: tx }, id, saved.operatingDate);
    const after = await selectProjectView(tx, id);
    if (!after) throw new Error('updated project not found');
    await recordAudit(tx, caller, {
      action: 'project.update',
      objectType: 'project',
      objectId: id,
      regionCode: after.project.regionCode,
      before: toAuditSnapshot(view),
      after: toAuditSnapshot(after),
    });
  });
  return loadDto(deps, id, caller.lang);
}

export async function changeProjectStage(
  deps: Deps,
  caller: Caller,
  id: string,
  input: { to: ProjectStage; note?: string; terminationReason?: string; evidenceIds?: string[]; version: number },
): Promise<ProjectDto> {
  const view = await requireProjectInScope(deps, caller, id);
  const p = view.project;
  const policy = await getEvidencePolicy(deps);
  const evidenceIds = [...new Set(input.evidenceIds ?? [])];
  if ((policy.stagesNeedingEvidence as string[]).includes(input.to) && evidenceIds.length === 0) {
    throw new AppError('VALIDATION', msg('project.evidenceRequired', { stage: STAGE_NAMES[input.to] }), [
      { field: 'evidenceIds', message: msg('project.evidenceRequiredShort') },
    ]);
  }
  const facts = toFacts({ ...p, terminationReason: input.to === 'terminated' ? input.terminationReason?.trim() || null : p.terminationReason }, view.investorName);
  const check = checkTransition(facts, input.to, TODAY(), input.note);
  if (!check.ok) throw new AppError('VALIDATION', check.text, check.unmet.map((r) => ({ field: r.fields[0], message: r.text })));
  await deps.db.transaction(async (tx) => {
    // terminating (or reviving) a project signed within an approved month's year to date changes its 履约率
    await assertProjectFiguresUnlocked(tx, toFiguresChange(p, p, { ...p, stage: input.to }));
    const saved = await updateProjectVersioned(tx, id, input.version, {
      stage: input.to,
      lastProgressAt: new Date(),
      ...(input.to === 'terminated' ? { terminationReason: facts.terminationReason, stageBeforeTermination: p.stage } : {}),
    });
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('project.versionConflict'));
    const history = await insertStageHistory(tx, {
      projectId: id,
      fromStage: p.stage,
      toStage: input.to,
      note: input.to === 'terminated' ? facts.terminationReason : input.note?.trim() || null,
      changedBy: caller.actor.id,
      changedByName: caller.actor.displayName,
    });
    // 回访: reaching 投产 creates the follow-up schedule
    if (input.to === 'operating') await scheduleMissingFollowUps({ ...deps, db: tx }, { projectIds: [id] });
    if ((await attachEvidenceToStage(tx, id, evidenceIds, history.id)) !== evidenceIds.length) {
      throw new AppError('VALIDATION', msg('project.evidenceInvalid'), [{ field: 'evidenceIds', message: msg('project.evidenceInvalidShort') }]);
    }
    await recordAudit(tx, caller, {
      action: 'project.stage',
      objectType: 'project',
      objectId: id,
      regionCode: p.regionCode,
      before: { stage: p.stage },
      after: { stage: input.to, evidenceIds },
      reason: input.to === 'terminated' ? facts.terminationReason : input.note?.trim() || null,
    });
  });
  return loadDto(deps, id, caller.lang);
}

/** The next stage in the pipeline, or null at the end or when terminated. */
export function findNextStage(stage: ProjectStage): ProjectStage | null {
  if (stage === 'terminated') return null;
  return PIPELINE[PIPELINE.indexOf(stage) + 1] ?? null;
}

export async function getProjectDetail(deps: Deps, caller: Caller, id: string) {
  const view = await requireProjectInScope(deps, caller, id);
  const light = await describeLight(deps, view);
  const next = findNextStage(view.project.stage);
  const lang = caller.lang ?? 'zh';
  const checklist = next
    ? listUnmetRules(toFacts(view.project, view.investorName), next, TODAY()).map((r) => ({ id: r.id, field: r.fields[0] ?? '', message: renderMessage(r.text, lang) }))
    : [];
  const [team, milestones, history] = await Promise.all([
    selectTeam(deps.db, id),
    selectMilestones(deps.db, id),
    selectStageHistory(deps.db, id),
  ]);
  return {
    ...toProjectDto(view, light, lang),
    nextStage: next,
    nextStageChecklist: checklist,
    team: team.map((t) => ({ userId: t.userId, displayName: t.displayName })),
    milestones: milestones.map((m) => ({ id: m.id, title: m.title, dueDate: m.dueDate, doneOn: m.doneOn })),
    stageHistory: history.map((h) => ({
      id: String(h.id),
      fromStage: h.fromStage,
      toStage: h.toStage,
      note: h.note,
      changedByName: h.changedByName,
      changedAt: h.changedAt.toISOString(),
    })),
  };
}

export interface ProjectListQuery {
  q?: string;
  regionCode?: string;
  stages?: string[];
  light?: 'green' | 'yellow' | 'red';
  sources?: string[];
  industry?: string;
  amountMinYuan?: number;
  amountMaxYuan?: number;
  leaderId?: string;
  mine?: boolean;
  isKey?: boolean;
  /** 产业链节点: projects naming the node or a node below it (current version) */
  chainNode?: string;
  /** 产业链: projects naming a node of the chain (code) */
  chain?: string;
  /** executing in fundsFrom..fundsTo (YYYY-MM, may span years): the list behind 执行项目 of the statistics */
  fundsFrom?: string;
  fundsTo?: string;
  /** with a funds period: only the new (新建) or continued (续建) executing projects */
  fundsKind?: 'new' | 'continued';
  /** signed in signedFrom..signedTo (YYYY-MM): the list behind 签约项目 */
  signedFrom?: string;
  signedTo?: string;
  /** "光伏,煤化工": leave out projects carrying one of these tags (the statistics' excludeTags) */
  excludeTags?: string;
  incomplete?: boolean;
  sort?: 'updated' | 'signedAmount' | 'code' | 'signedDate';
  page: number;
  pageSize: number;
}

/** A drill-down period of the list: both ends or neither, from ≤ to, possibly across years (as the statistics' periods). */
function readListPeriod(from: string | undefined, to: string | undefined, field: 'fundsFrom' | 'signedFrom'): { from: string; to: string } | undefined {
  if (from === undefined && to === undefined) return undefined;
  const label = field === 'fundsFrom' ? msg('project.periodFunds') : msg('project.periodSigned');
  if (from === undefined || to === undefined) {
    throw new AppError('VALIDATION', msg('project.periodBothEnds', { label }), [{ field, message: msg('project.periodBothEndsShort') }]);
  }
  const problem = checkPeriodMessage({ from, to });
  if (problem) throw new AppError('VALIDATION', msg('project.periodProblem', { label, problem }), [{ field, message: problem }]);
  return { from, to };
}

export async function listProjects(deps: Deps, caller: Caller, q: ProjectListQuery) {
  if (q.regionCode) await requireRegionInScope(deps, caller, q.regionCode);
  const fundsPeriod = readListPeriod(q.fundsFrom, q.fundsTo, 'fundsFrom');
  const signedPeriod = readListPeriod(q.signedFrom, q.signedTo, 'signedFrom');
  if (q.fundsKind && !fundsPeriod) throw new AppError('VALIDATION', msg('project.fundsKindNeedsPeriod'), [{ field: 'fundsKind', message: msg('project.fundsKindNeedsPeriodShort') }]);
  // the same receipts count as in the statistics ("proof before it counts"), so the list's count is the statistic's
  const policy = fundsPeriod ? await getEvidencePolicy(deps) : null;
  const rules = await getLightRules(deps);
  const today = todayInShanghai();
  const { rows, total, stageCounts, periodFunds } = await selectProjectPage(
    deps.db,
    {
      scopePath: caller.actor.regionPath,
      q: q.q?.trim() || undefined,
      regionCode: q.regionCode,
      stages: q.stages,
      light: q.light,
      sources: q.sources,
      industryCodes: q.industry ? listIndustryCodesUnder(q.industry) : undefined,
      amountMinYuan: q.amountMinYuan === undefined ? undefined : BigInt(q.amountMinYuan),
      amountMaxYuan: q.amountMaxYuan === undefined ? undefined : BigInt(q.amountMaxYuan),
      leaderId: q.leaderId,
      involvesUserId: q.mine ? (caller.actor.id ?? undefined) : undefined,
      isKey: q.isKey,
      chainNodeCodes: q.chainNode ? await listChainNodeFilterCodes(deps, q.chainNode) : undefined,
      chainCode: q.chain?.trim().toUpperCase() || undefined,
      funds:
        fundsPeriod && policy
          ? { ...fundsPeriod, kind: q.fundsKind, counted: receiptFilterOf(policy) }
          : undefined,
      signed: signedPeriod ? { from: `${signedPeriod.from}-01`, to: lastDayOfMonth(signedPeriod.to) } : undefined,
      incomplete: q.incomplete,
      excludeTags: readExcludeTags(q.excludeTags),
      sort: q.sort ?? 'updated',
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    },
    buildLightCutoffs(rules, today),
  );
  const dues = await selectOpenProblemDueDates(deps.db, rows.map((r) => r.project.id));
  return {
    total,
    stageCounts,
    /** with a funds period: the sum of the matching projects' funds in it (equals the statistic's 到位资金) */
    periodFundsYuan: periodFunds ? Number(periodFunds.totalYuan) : null,
    items: rows.map((r) => ({
      ...toProjectDto(r, computeProjectLight(r.project, dues.get(r.project.id) ?? [], rules, today), caller.lang),
      periodFundsYuan: periodFunds ? Number(periodFunds.byProject.get(r.project.id) ?? 0n) : null,
    })),
  };
}

const MISSING_FIELDS = ['investorName', 'signedDate', 'signedAmountYuan', 'startedDate', 'operatingDate'] as const satisfies readonly FactField[];

/**
 * 待完善: how many projects under a region (the caller's home by default) are 资料不全, per child
 * region and per missing fact. The projects themselves are the list with `incomplete=true`.
 */
export async function getCompletionSummary(deps: Deps, caller: Caller, q: { regionCode?: string }) {
  const region = q.regionCode
    ? await requireRegionInScope(deps, caller, q.regionCode)
    : caller.actor.regionCode
      ? await requireRegionInScope(deps, caller, caller.actor.regionCode)
      : null;
  if (!region) throw new AppError('VALIDATION', msg('project.regionRequired'), [{ field: 'regionCode', message: msg('project.regionRequired') }]);
  const rows = await selectIncompleteCountsByRegion(deps.db, region.code);
  const byField = (r: Record<(typeof MISSING_FIELDS)[number], number>) =>
    MISSING_FIELDS.map((field) => ({ field, label: renderMessage(FACT_NAMES[field], caller.lang ?? 'zh'), projects: Number(r[field]) })).filter((f) => f.projects > 0);
  const totals = Object.fromEntries(MISSING_FIELDS.map((f) => [f, rows.reduce((a, r) => a + Number(r[f]), 0)])) as Record<(typeof MISSING_FIELDS)[number], number>;
  return {
    regionCode: region.code,
    regionName: region.name,
    projects: rows.reduce((a, r) => a + Number(r.projects), 0),
    byField: byField(totals),
    regions: rows.map((r) => ({ regionCode: r.code, regionName: r.name, projects: Number(r.projects), byField: byField(r) })),
  };
}
