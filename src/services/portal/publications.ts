/**
 * 项目推介 (issue 14 item 1): a project reaches the portal only by an officer's explicit publication, with
 * the public fields written for it (never the project's own record); changing them while published keeps
 * the publication, withdrawing closes it (published_at … withdrawn_at), publishing again opens a new one.
 * The history answers "published at the end of period P" (activity statistics' reserve.published: the
 * triggers of migration 0039 bump the region's reserve version on every change, so the cached counts stay
 * exact). portal.manage in the project's region scope; every step audited.
 */
import { insertPublication, selectLastWithdrawnPublication, selectOpenPublication, selectProjectForPublication, selectPublicationHistory, selectPublishedInScope, selectWithdrawnInScope, updatePublicationVersioned, type PublicationRow } from '../../db/queries/portal/publications';
import type { PublicationBody, PublicationState } from '../../contracts/portal';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { recordOutOfScope, requireRegionInScope } from '../regions';
import { checkOfficeOnLine } from './offices';
import { getPublicProject } from './public-catalog';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function requireProjectInScope(deps: Deps, caller: Caller, id: string) {
  const row = UUID.test(id) ? await selectProjectForPublication(deps.db, id) : undefined;
  if (!row || !isPathWithin(caller.actor.regionPath, row.regionPath)) {
    if (row) await recordOutOfScope(deps, caller, 'project', id);
    throw new AppError('NOT_FOUND', msg('portal.projectNotFound'));
  }
  return row;
}

function auditFields(row: PublicationRow) {
  const { updatedAt: _u, ...rest } = row;
  return { ...rest, investmentScaleYuan: rest.investmentScaleYuan === null ? null : Number(rest.investmentScaleYuan) };
}

export async function getPublicationState(deps: Deps, caller: Caller, projectId: string): Promise<PublicationState> {
  const project = await requireProjectInScope(deps, caller, projectId);
  const [current, history] = await Promise.all([selectOpenPublication(deps.db, projectId), selectPublicationHistory(deps.db, projectId)]);
  const last = current ? undefined : await selectLastWithdrawnPublication(deps.db, projectId);
  return {
    projectId: project.id,
    projectName: project.name,
    stage: project.stage,
    current: current
      ? {
          id: current.id,
          publicTitle: current.publicTitle,
          background: current.background,
          market: current.market,
          conditions: current.conditions,
          investmentScaleYuan: current.investmentScaleYuan === null ? null : Number(current.investmentScaleYuan),
          cooperationMode: current.cooperationMode,
          contactOfficeId: current.contactOfficeId,
          publishedAt: current.publishedAt.toISOString(),
          publishedBy: history.find((h) => h.id === current.id)?.published_by ?? null,
          version: current.version,
        }
      : null,
    // the portal's own read of it: exactly what an investor sees
    preview: current ? await getPublicProject(deps, projectId) : null,
    lastWithdrawn:
      last && last.withdrawnAt
        ? {
            publicTitle: last.publicTitle,
            background: last.background,
            market: last.market,
            conditions: last.conditions,
            investmentScaleYuan: last.investmentScaleYuan === null ? null : Number(last.investmentScaleYuan),
            cooperationMode: last.cooperationMode,
            contactOfficeId: last.contactOfficeId,
            withdrawnAt: last.withdrawnAt.toISOString(),
          }
        : null,
    history: history.map((h) => ({
      id: h.id,
      publicTitle: h.public_title,
      publishedAt: h.published_at,
      publishedBy: h.published_by,
      withdrawnAt: h.withdrawn_at,
      withdrawnBy: h.withdrawn_by,
    })),
  };
}

/** Publishes the project, or (with the open publication's version) changes what is published. */
export async function publishProject(deps: Deps, caller: Caller, projectId: string, body: PublicationBody): Promise<PublicationState> {
  const project = await requireProjectInScope(deps, caller, projectId);
  if (project.stage === 'terminated') throw new AppError('CONFLICT', msg('portal.projectTerminated', { name: project.name }));
  await checkOfficeOnLine(deps, body.contactOfficeId, project.regionPath);
  const fields = {
    publicTitle: body.publicTitle.trim(),
    background: body.background?.trim() ?? '',
    market: body.market?.trim() ?? '',
    conditions: body.conditions?.trim() ?? '',
    investmentScaleYuan: body.investmentScaleYuan === undefined || body.investmentScaleYuan === null ? null : BigInt(body.investmentScaleYuan),
    cooperationMode: body.cooperationMode?.trim() ?? '',
    contactOfficeId: body.contactOfficeId ?? null,
  };
  const open = await selectOpenPublication(deps.db, projectId);
  await deps.db.transaction(async (tx) => {
    if (open) {
      const conflict = () => new AppError('VERSION_CONFLICT', msg('portal.publicationVersionConflict', { current: open.version, base: body.version ?? 0 }));
      if (body.version !== open.version) throw conflict();
      const saved = await updatePublicationVersioned(tx, open.id, open.version, fields);
      if (!saved) throw conflict();
      await recordAudit(tx, caller, { action: 'portal.publication.update', objectType: 'project', objectId: projectId, regionCode: project.regionCode, before: auditFields(open), after: auditFields(saved) });
    } else {
      const saved = await insertPublication(tx, { projectId, ...fields, publishedBy: caller.actor.id });
      await recordAudit(tx, caller, { action: 'portal.publish', objectType: 'project', objectId: projectId, regionCode: project.regionCode, after: auditFields(saved) });
    }
  });
  return getPublicationState(deps, caller, projectId);
}

export async function withdrawPublication(deps: Deps, caller: Caller, projectId: string, body: { version: number; reason: string }): Promise<PublicationState> {
  const project = await requireProjectInScope(deps, caller, projectId);
  const open = await selectOpenPublication(deps.db, projectId);
  if (!open) throw new AppError('CONFLICT', msg('portal.projectNotPublished', { name: project.name }));
  const conflict = () => new AppError('VERSION_CONFLICT', msg('portal.publicationVersionConflict', { current: open.version, base: body.version }));
  if (open.version !== body.version) throw conflict();
  await deps.db.transaction(async (tx) => {
    const saved = await updatePublicationVersioned(tx, open.id, open.version, { withdrawnAt: new Date(), withdrawnBy: caller.actor.id });
    if (!saved) throw conflict();
    await recordAudit(tx, caller, { action: 'portal.withdraw', objectType: 'project', objectId: projectId, regionCode: project.regionCode, before: auditFields(open), after: auditFields(saved), reason: body.reason });
  });
  return getPublicationState(deps, caller, projectId);
}

/** The projects of the region and below on the portal now, or (status withdrawn) taken off it and not published again. */
export async function listPublishedProjects(deps: Deps, caller: Caller, o: { region?: string; status?: 'published' | 'withdrawn' }) {
  const scopePath = o.region ? (await requireRegionInScope(deps, caller, o.region, 'region')).path : caller.actor.regionPath;
  const base = (r: { project_id: string; project_code: string; project_name: string; stage: string; region_name: string; public_title: string; published_at: string }) => ({
    projectId: r.project_id,
    projectCode: r.project_code,
    projectName: r.project_name,
    stage: r.stage,
    regionName: r.region_name,
    publicTitle: r.public_title,
    publishedAt: r.published_at,
  });
  if (o.status === 'withdrawn') {
    const rows = await selectWithdrawnInScope(deps.db, scopePath);
    return { items: rows.map((r) => ({ ...base(r), withdrawnAt: r.withdrawn_at, withdrawnBy: r.withdrawn_by })) };
  }
  const rows = await selectPublishedInScope(deps.db, scopePath);
  return { items: rows.map((r) => ({ ...base(r), withdrawnAt: null, withdrawnBy: null })) };
}
