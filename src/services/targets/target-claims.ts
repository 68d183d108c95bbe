/**
 * 精准招商, items 6–7: a region claims an enterprise as a target for a chain node (one region per
 * node and firm at a time), moves it along its way (domain/targets/target-status.ts), links the
 * project it became, and staff give feedback on scored candidates. Every write is audited; a target
 * is read and changed by users of the claiming region and the regions above it.
 */
import { eq } from 'drizzle-orm';
import { selectEnterpriseByKey } from '../../db/queries/enterprises/enterprise-records';
import { selectRegion } from '../../db/queries/regions';
import {
  insertTarget,
  selectActiveClaim,
  selectTargetById,
  selectTargets,
  updateTargetStatus,
  upsertTargetFeedback,
  type TargetFeedbackKind,
  type TargetRow,
  type TargetStatus,
} from '../../db/queries/targets/targets';
import { projects } from '../../db/schema/index';
import { AppError } from '../../domain/app-error';
import { msg, renderMessage } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import { checkTargetTransition } from '../../domain/targets/target-status';
import { readFeatureValues } from '../../domain/targets/target-score';
import { recordAudit } from '../audit/audit';
import { requireVisibleChain } from '../chains/chain-scope';
import type { Caller, Deps } from '../context';
import { recordOutOfScope } from '../regions';
import { requireNode, resolveRegionChain } from './target-context';
import { scoreCandidates } from './target-scoring';
import { loadTargetWeights } from './target-weights';

const SIGNED_STAGES = ['signed', 'started', 'operating'];

function toDto(t: TargetRow) {
  return {
    id: t.id,
    regionCode: t.regionCode,
    nodeCode: t.nodeCode,
    enterpriseId: t.enterpriseId,
    status: t.status,
    dropReason: t.dropReason,
    score: t.scoreTenths === null ? null : t.scoreTenths / 10,
    projectId: t.projectId,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    statusChangedAt: t.statusChangedAt.toISOString(),
  };
}

export async function claimTarget(deps: Deps, caller: Caller, input: { region?: string; chain: string; node: string; enterprise: string }) {
  const ctx = await resolveRegionChain(deps, caller, input);
  const node = requireNode(ctx, input.node);
  const enterprise = await selectEnterpriseByKey(deps.db, input.enterprise.trim());
  if (!enterprise) throw new AppError('NOT_FOUND', msg('target.enterpriseNotFound'));
  const home = enterprise.regionCode ? await selectRegion(deps.db, enterprise.regionCode) : undefined;
  if (home && isPathWithin(ctx.region.path, home.path)) {
    throw new AppError('VALIDATION', msg('target.enterpriseLocal', { name: enterprise.name, region: ctx.region.name }), [{ field: 'enterprise', message: msg('target.enterpriseLocal', { name: enterprise.name, region: ctx.region.name }) }]);
  }
  const weights = await loadTargetWeights(deps);
  const [scored] = await scoreCandidates(deps, ctx, node, weights.weights, [enterprise.id]);
  const score = scored?.score.score ?? 0;
  const features = scored ? readFeatureValues(scored.facts) : {};
  const saved = await deps.db.transaction(async (tx) => {
    const row = await insertTarget(tx, {
      regionCode: ctx.region.code,
      nodeCode: node.code,
      enterpriseId: enterprise.id,
      ownerId: caller.actor.id,
      scoreTenths: Math.round(score * 10),
      features,
      createdBy: caller.actor.id,
    });
    if (!row) return null;
    await recordAudit(tx, caller, {
      action: 'investmentTarget.claim',
      objectType: 'investmentTarget',
      objectId: row.id,
      regionCode: ctx.region.code,
      after: { chain: ctx.chain.code, node: node.code, enterprise: enterprise.name, creditCode: enterprise.creditCode, score, weights: weights.source },
    });
    return row;
  });
  if (!saved) {
    const claim = await selectActiveClaim(deps.db, node.code, enterprise.id);
    const visible = claim ? isPathWithin(caller.actor.regionPath, claim.region_path) : false;
    const region = claim && visible ? claim.region_name : msg('target.otherRegion');
    throw new AppError('CONFLICT', msg('target.claimedByOther', { name: enterprise.name, region, status: msg(`target.status.${claim?.status ?? 'new'}`) }));
  }
  return toDto(saved);
}

/** The target when its region is the caller's or below it; else 404 (audited when it exists). */
async function requireTargetInScope(deps: Deps, caller: Caller, id: string): Promise<TargetRow> {
  const target = /^[0-9a-f-]{36}$/i.test(id) ? await selectTargetById(deps.db, id) : undefined;
  const region = target ? await selectRegion(deps.db, target.regionCode) : undefined;
  if (!target || !region || !isPathWithin(caller.actor.regionPath, region.path)) {
    if (target) await recordOutOfScope(deps, caller, 'investmentTarget', id);
    throw new AppError('NOT_FOUND', msg('target.notFound'));
  }
  return target;
}

export async function changeTargetStatus(deps: Deps, caller: Caller, id: string, input: { status: TargetStatus; reason?: string | null; projectCode?: string | null; version: number }) {
  const target = await requireTargetInScope(deps, caller, id);
  const refused = target.status === input.status && input.projectCode ? null : checkTargetTransition(target.status, input.status);
  if (refused) throw new AppError('CONFLICT', refused);
  const reason = input.reason?.trim() || null;
  if (input.status === 'dropped' && !reason) throw new AppError('VALIDATION', msg('target.dropReasonRequired'), [{ field: 'reason', message: msg('target.dropReasonRequired') }]);
  let projectId = target.projectId;
  let projectStage: string | null = null;
  if (input.projectCode) {
    const code = input.projectCode.trim();
    const [project] = await deps.db.select({ id: projects.id, investorId: projects.investorId, regionCode: projects.regionCode, stage: projects.stage }).from(projects).where(eq(projects.code, code));
    const projectRegion = project ? await selectRegion(deps.db, project.regionCode) : undefined;
    const targetRegion = await selectRegion(deps.db, target.regionCode);
    if (!project || project.investorId !== target.enterpriseId || !projectRegion || !targetRegion || !isPathWithin(targetRegion.path, projectRegion.path)) {
      throw new AppError('VALIDATION', msg('target.projectMismatch', { code }), [{ field: 'projectCode', message: msg('target.projectMismatch', { code }) }]);
    }
    projectId = project.id;
    projectStage = project.stage;
  } else if (projectId) {
    const [project] = await deps.db.select({ stage: projects.stage }).from(projects).where(eq(projects.id, projectId));
    projectStage = project?.stage ?? null;
  }
  if (input.status === 'signed' && (!projectStage || !SIGNED_STAGES.includes(projectStage))) {
    throw new AppError('CONFLICT', msg('target.signedNeedsProject'), [{ field: 'projectCode', message: msg('target.signedNeedsProject') }]);
  }
  const saved = await deps.db.transaction(async (tx) => {
    const row = await updateTargetStatus(tx, target.id, input.version, {
      status: input.status,
      dropReason: input.status === 'dropped' ? reason : null,
      projectId,
      actorId: caller.actor.id,
      reason,
    });
    if (!row) return null;
    await recordAudit(tx, caller, {
      action: 'investmentTarget.status',
      objectType: 'investmentTarget',
      objectId: target.id,
      regionCode: target.regionCode,
      before: { status: target.status, projectId: target.projectId },
      after: { status: row.status, projectId: row.projectId },
      reason: reason ?? undefined,
    });
    return row;
  });
  if (!saved) throw new AppError('VERSION_CONFLICT', msg('target.versionConflict'));
  return toDto(saved);
}

export async function giveTargetFeedback(deps: Deps, caller: Caller, input: { region?: string; chain: string; node: string; enterprise: string; kind: TargetFeedbackKind; note?: string | null }) {
  const ctx = await resolveRegionChain(deps, caller, input);
  const node = requireNode(ctx, input.node);
  const enterprise = await selectEnterpriseByKey(deps.db, input.enterprise.trim());
  if (!enterprise) throw new AppError('NOT_FOUND', msg('target.enterpriseNotFound'));
  if (!caller.actor.id) throw new AppError('FORBIDDEN', msg('target.notFound'));
  const userId = caller.actor.id;
  const note = input.note?.trim() || null;
  await deps.db.transaction(async (tx) => {
    await upsertTargetFeedback(tx, { regionCode: ctx.region.code, nodeCode: node.code, enterpriseId: enterprise.id, userId, kind: input.kind, note });
    await recordAudit(tx, caller, {
      action: 'investmentTarget.feedback',
      objectType: 'investmentTarget',
      objectId: `${ctx.region.code}/${node.code}/${enterprise.id}`,
      regionCode: ctx.region.code,
      after: { kind: input.kind, note, enterprise: enterprise.name },
    });
  });
  return { regionCode: ctx.region.code, nodeCode: node.code, enterpriseId: enterprise.id, kind: input.kind, note };
}

export async function listTargets(deps: Deps, caller: Caller, q: { region?: string; chain?: string; node?: string; status?: TargetStatus; limit?: number; offset?: number }) {
  const scopeCode = q.region ?? caller.actor.regionCode;
  const scope = scopeCode ? await selectRegion(deps.db, scopeCode) : undefined;
  if (!scope || !isPathWithin(caller.actor.regionPath, scope.path)) {
    if (scope) await recordOutOfScope(deps, caller, 'region', scope.code);
    throw new AppError('NOT_FOUND', msg('target.notFound'));
  }
  const chain = q.chain ? await requireVisibleChain(deps, caller, q.chain) : undefined;
  const limit = q.limit ?? 50;
  const found = await selectTargets(deps.db, { scopePath: scope.path, callerPath: caller.actor.regionPath, chainId: chain?.id, nodeCode: q.node?.trim().toUpperCase(), status: q.status, limit, offset: q.offset ?? 0 });
  const lang = caller.lang ?? 'zh';
  return {
    total: Number(found[0]?.total ?? 0),
    items: found.map((r) => ({
      id: r.id,
      regionCode: r.region_code,
      regionName: r.region_name,
      chainCode: r.chain_code,
      chainName: r.chain_name,
      nodeCode: r.node_code,
      nodeName: r.node_name,
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name,
      creditCode: r.credit_code,
      enterpriseRegionName: r.enterprise_region_name,
      status: r.status,
      statusLabel: renderMessage(msg(`target.status.${r.status}`), lang),
      dropReason: r.drop_reason,
      ownerName: r.owner_name,
      score: r.score_tenths === null ? null : r.score_tenths / 10,
      project: r.project_id ? { id: r.project_id, code: r.project_code, name: r.project_name, stage: r.project_stage } : null,
      overlaps: r.overlaps,
      contacts: r.contacts,
      version: r.version,
      createdAt: new Date(r.created_at).toISOString(),
      statusChangedAt: new Date(r.status_changed_at).toISOString(),
    })),
  };
}
