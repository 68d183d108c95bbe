/**
 * 简报 (issue 13 item 5) after generation: list, read (the working copy or an issued edition), edit
 * the text sections of a draft, issue (签发: the copy is frozen into an edition, numbered 第N期 at its
 * first issue) and revise (an issued briefing opens its next edition as a draft; the issued ones stay
 * downloadable), and the records a figure counts. A caller sees the briefings of its region's
 * subtree (others answer 404, audited as out of scope). Edits name the version they were based on.
 */
import type { Briefing, BriefingList, BriefingListQuery, BriefingRecords, BriefingUpdate } from '../../contracts/briefings';
import {
  insertEdition,
  selectActivityRefs,
  selectBriefing,
  selectBriefingPage,
  selectEdition,
  selectEditions,
  selectNextIssueNumber,
  selectProjectRefs,
  updateBriefingVersioned,
  type BriefingEditionRow,
  type BriefingRow,
} from '../../db/queries/briefings/briefings';
import { ACTIVITY_TYPE_LABELS, type ActivityType } from '../../domain/activities/activity-kinds';
import { AppError } from '../../domain/app-error';
import { findFigure, type BriefingFigures } from '../../domain/briefings/briefing-figures';
import { formatPeriod } from '../../domain/briefings/briefing-periods';
import { briefingTitle, type BriefingSection } from '../../domain/briefings/briefing-text';
import { msg } from '../../domain/messages/catalog';
import { isPathWithin } from '../../domain/region-scope';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { recordOutOfScope, requireRegionInScope } from '../regions';

type ScopedRow = BriefingRow & { regionName: string; regionPath: string };

const iso = (v: Date | string | null) => (v === null ? null : (v instanceof Date ? v : new Date(v)).toISOString());
const STAGE_NAMES: Record<string, string> = { lead: '线索', negotiating: '在谈', signed: '签约', started: '开工', operating: '投产', terminated: '终止' };

/** The briefing when it lies in the caller's subtree; otherwise 404 (and an audit row when it exists). */
export async function requireBriefingInScope(deps: Deps, caller: Caller, id: string): Promise<ScopedRow> {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await selectBriefing(deps.db, id) : undefined;
  if (!row || !isPathWithin(caller.actor.regionPath, row.regionPath)) {
    if (row) await recordOutOfScope(deps, caller, 'briefing', id);
    throw new AppError('NOT_FOUND', msg('briefing.notFound'));
  }
  return row;
}

/** The answer for a row, its issued editions, and the content shown (an edition's, or the working copy's). */
export function toBriefing(row: ScopedRow, editions: readonly BriefingEditionRow[], shown: BriefingEditionRow | null): Briefing {
  const figures = (shown?.figures ?? row.figures) as unknown as BriefingFigures;
  const sections = (shown?.sections ?? row.sections) as unknown as BriefingSection[];
  const period = { start: row.periodStart, end: row.periodEnd };
  return {
    id: row.id,
    regionCode: row.regionCode,
    regionName: row.regionName,
    kind: row.kind,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    periodLabel: formatPeriod(row.kind, period),
    title: briefingTitle(row.kind, row.regionName),
    status: shown ? 'issued' : row.status,
    edition: shown?.edition ?? row.edition,
    issueNumber: shown?.issueNumber ?? row.issueNumber,
    version: row.version,
    shownEdition: shown?.edition ?? null,
    asOf: figures.asOf,
    figures: figures.figures,
    signings: figures.kind === 'dispatch' ? [] : figures.signings,
    stageReached: figures.kind === 'dispatch' ? [] : figures.stageReached,
    redProjects: figures.kind === 'dispatch' ? [] : figures.redProjects,
    leaders: figures.kind === 'dispatch' ? figures.leaders : [],
    sections,
    generatedAt: iso(shown?.generatedAt ?? row.generatedAt) ?? '',
    generatedByName: row.generatedByName,
    editedAt: shown ? null : iso(row.editedAt),
    editedByName: shown ? null : row.editedByName,
    issuedAt: iso(shown?.issuedAt ?? row.issuedAt),
    issuedByName: shown?.issuedByName ?? row.issuedByName,
    revisionReason: shown ? shown.revisionReason : row.revisionReason,
    editions: editions.map((e) => ({ edition: e.edition, issueNumber: e.issueNumber, issuedAt: iso(e.issuedAt) ?? '', issuedByName: e.issuedByName, revisionReason: e.revisionReason })),
  };
}

export async function listBriefings(deps: Deps, caller: Caller, q: BriefingListQuery): Promise<BriefingList> {
  if (q.region) await requireRegionInScope(deps, caller, q.region, 'region');
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const rows = await selectBriefingPage(deps.db, {
    scopePath: caller.actor.regionPath,
    kind: q.kind,
    status: q.status,
    regionCode: q.region,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      regionCode: r.region_code,
      regionName: r.region_name,
      kind: r.kind,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      periodLabel: formatPeriod(r.kind, { start: r.period_start, end: r.period_end }),
      status: r.status,
      edition: r.edition,
      issueNumber: r.issue_number,
      generatedAt: iso(r.generated_at) ?? '',
      generatedByName: r.generated_by_name,
      issuedAt: iso(r.issued_at),
      issuedByName: r.issued_by_name,
    })),
  };
}

/** The working copy, or the issued `edition` (404 when the briefing has no such edition). */
export async function getBriefing(deps: Deps, caller: Caller, id: string, edition?: number): Promise<Briefing> {
  const row = await requireBriefingInScope(deps, caller, id);
  const editions = await selectEditions(deps.db, id);
  let shown: BriefingEditionRow | null = null;
  if (edition !== undefined) {
    shown = editions.find((e) => e.edition === edition) ?? null;
    if (!shown) throw new AppError('NOT_FOUND', msg('briefing.editionNotFound', { edition }));
  }
  return toBriefing(row, editions, shown);
}

function refuseIssued(row: BriefingRow): void {
  if (row.status === 'issued') throw new AppError('CONFLICT', msg('briefing.issued', { issue: row.issueNumber ?? 0, edition: row.edition }));
}

function checkVersion(row: BriefingRow, base: number): void {
  if (row.version !== base) throw new AppError('VERSION_CONFLICT', msg('briefing.versionConflict', { current: row.version, base }));
}

/** Revises text sections of a draft (by key); the others stay. */
export async function updateBriefing(deps: Deps, caller: Caller, id: string, input: BriefingUpdate): Promise<Briefing> {
  const row = await requireBriefingInScope(deps, caller, id);
  checkVersion(row, input.version);
  refuseIssued(row);
  const before = row.sections as unknown as BriefingSection[];
  const seen = new Set<string>();
  const texts = new Map<string, string>();
  input.sections.forEach((s, i) => {
    if (!before.some((b) => b.key === s.key)) {
      const message = msg('briefing.sectionUnknown', { key: s.key });
      throw new AppError('VALIDATION', message, [{ field: `sections.${i}.key`, message }]);
    }
    if (seen.has(s.key)) {
      const message = msg('briefing.sectionTwice', { key: s.key });
      throw new AppError('VALIDATION', message, [{ field: `sections.${i}.key`, message }]);
    }
    seen.add(s.key);
    texts.set(s.key, s.text.replace(/\r\n?/g, '\n').trim());
  });
  const after = before.map((s) => {
    const text = texts.get(s.key);
    return text === undefined || text === s.text ? s : { ...s, text, edited: true };
  });
  const changed = after.filter((s, i) => s !== before[i]);
  await deps.db.transaction(async (tx) => {
    const saved = await updateBriefingVersioned(tx, id, input.version, { sections: after as unknown as Record<string, unknown>[], editedAt: new Date(), editedByName: caller.actor.displayName });
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('briefing.versionConflict', { current: row.version + 1, base: input.version }));
    await recordAudit(tx, caller, {
      action: 'briefing.update',
      objectType: 'briefing',
      objectId: id,
      regionCode: row.regionCode,
      before: { sections: before.filter((s) => changed.some((c) => c.key === s.key)) },
      after: { sections: changed },
    });
  });
  return getBriefing(deps, caller, id);
}

/** 签发: freezes the working copy into an edition (第N期 numbered at the first issue). */
export async function issueBriefing(deps: Deps, caller: Caller, id: string, input: { version: number }): Promise<Briefing> {
  const row = await requireBriefingInScope(deps, caller, id);
  checkVersion(row, input.version);
  refuseIssued(row);
  await deps.db.transaction(async (tx) => {
    const issueNumber = row.issueNumber ?? (await selectNextIssueNumber(tx, row.regionCode, row.kind, row.periodStart.slice(0, 4)));
    const issuedAt = new Date();
    const saved = await updateBriefingVersioned(tx, id, input.version, { status: 'issued', issueNumber, issuedAt, issuedBy: caller.actor.id, issuedByName: caller.actor.displayName });
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('briefing.versionConflict', { current: row.version + 1, base: input.version }));
    await insertEdition(tx, {
      briefingId: id,
      edition: row.edition,
      issueNumber,
      figures: row.figures,
      sections: row.sections,
      generatedAt: row.generatedAt,
      issuedAt,
      issuedBy: caller.actor.id,
      issuedByName: caller.actor.displayName,
      revisionReason: row.revisionReason,
    });
    await recordAudit(tx, caller, {
      action: 'briefing.issue',
      objectType: 'briefing',
      objectId: id,
      regionCode: row.regionCode,
      after: { kind: row.kind, periodStart: row.periodStart, periodEnd: row.periodEnd, issueNumber, edition: row.edition },
    });
  });
  return getBriefing(deps, caller, id);
}

/** 修订: an issued briefing becomes the draft of its next edition (text and figures carried over); the issued edition stays. */
export async function reviseBriefing(deps: Deps, caller: Caller, id: string, input: { version: number; reason: string }): Promise<Briefing> {
  const row = await requireBriefingInScope(deps, caller, id);
  checkVersion(row, input.version);
  if (row.status !== 'issued') throw new AppError('CONFLICT', msg('briefing.notIssued'));
  await deps.db.transaction(async (tx) => {
    const saved = await updateBriefingVersioned(tx, id, input.version, {
      status: 'draft',
      edition: row.edition + 1,
      issuedAt: null,
      issuedBy: null,
      issuedByName: null,
      revisionReason: input.reason.trim(),
    });
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('briefing.versionConflict', { current: row.version + 1, base: input.version }));
    await recordAudit(tx, caller, {
      action: 'briefing.revise',
      objectType: 'briefing',
      objectId: id,
      regionCode: row.regionCode,
      before: { status: 'issued', edition: row.edition },
      after: { status: 'draft', edition: row.edition + 1 },
      reason: input.reason,
    });
  });
  return getBriefing(deps, caller, id);
}

/** The records a figure counts (as generated; records deleted since are counted in `missing`). */
export async function listFigureRecords(deps: Deps, caller: Caller, id: string, q: { figure: string; edition?: number | undefined }): Promise<BriefingRecords> {
  const row = await requireBriefingInScope(deps, caller, id);
  const edition = q.edition !== undefined ? await selectEdition(deps.db, id, q.edition) : null;
  if (q.edition !== undefined && !edition) throw new AppError('NOT_FOUND', msg('briefing.editionNotFound', { edition: q.edition }));
  const figures = ((edition?.figures ?? row.figures) as unknown as BriefingFigures).figures;
  const figure = findFigure(figures, q.figure);
  if (!figure) throw new AppError('NOT_FOUND', msg('briefing.figureUnknown', { key: q.figure }));
  const items =
    figure.recordKind === 'activity'
      ? (await selectActivityRefs(deps.db, figure.ids)).map((a) => ({
          kind: 'activity' as const,
          id: a.id,
          code: a.code,
          name: a.name,
          regionName: a.region_name,
          detail: `${ACTIVITY_TYPE_LABELS[a.type as ActivityType] ?? a.type} · ${a.start_date}`,
        }))
      : (await selectProjectRefs(deps.db, figure.ids)).map((p) => ({ kind: 'project' as const, id: p.id, code: p.code, name: p.name, regionName: p.region_name, detail: STAGE_NAMES[p.stage] ?? p.stage }));
  return { figure, items, missing: figure.ids.length - items.length };
}
