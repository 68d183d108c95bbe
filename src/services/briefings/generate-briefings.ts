/**
 * Generating briefings: one region, kind and period on request (an editor, the CLI, the demo), and
 * every due briefing of a day for the schedule (Mondays the weekly, the 1st/11th/21st the 旬调度, the
 * 1st the monthly) for each region where an active account reads briefings. One working copy per
 * region, kind and period: generating again refreshes a draft's figures and the sections nobody
 * edited; an issued briefing is not regenerated (revise it first). The schedule never touches a
 * briefing that exists, so a re-run adds nothing. Every generation is audited.
 */
import type { Briefing, BriefingGenerate } from '../../contracts/briefings';
import { insertBriefingIfAbsent, selectBriefingByPeriod, selectBriefingRegions, selectEditions, updateBriefingVersioned, type BriefingRow } from '../../db/queries/briefings/briefings';
import { selectRegion } from '../../db/queries/regions';
import { AppError } from '../../domain/app-error';
import type { BriefingFigures } from '../../domain/briefings/briefing-figures';
import { formatPeriod, listDueKinds, periodContaining, periodReportedOn, type BriefingKind, type BriefingPeriod } from '../../domain/briefings/briefing-periods';
import { generateSections, mergeSections, type BriefingSection } from '../../domain/briefings/briefing-text';
import { isCalendarDate, todayInShanghai } from '../../domain/dates';
import { msg } from '../../domain/messages/catalog';
import { ROLES, listPermissions } from '../../domain/roles';
import { recordAudit } from '../audit/audit';
import { createSystemCaller, type Caller, type Deps } from '../context';
import { requireRegionInScope } from '../regions';
import { gatherBriefingFigures, type BriefingRegion } from './briefing-facts';
import { requireBriefingInScope, toBriefing } from './briefings';

export interface GenerateOptions {
  /** the generation day (lights are judged on it); default today in Asia/Shanghai */
  now?: Date;
  /** the name recorded as generator; default the caller's */
  generatedByName?: string;
}

const summary = (f: BriefingFigures) => Object.fromEntries(f.figures.map((x) => [x.key, x.value]));

/** Creates the briefing, or refreshes its draft; `created` says which. */
async function generateFor(
  deps: Deps,
  caller: Caller,
  region: BriefingRegion,
  kind: BriefingKind,
  period: BriefingPeriod,
  opts: GenerateOptions & { resetText?: boolean; onlyIfAbsent?: boolean },
): Promise<{ row: BriefingRow; created: boolean } | null> {
  const asOf = todayInShanghai(opts.now);
  const generatedByName = opts.generatedByName ?? caller.actor.displayName;
  const existing = await selectBriefingByPeriod(deps.db, region.code, kind, period.start);
  if (existing && opts.onlyIfAbsent) return null;
  if (existing) refuseIssued(existing);
  const figures = await gatherBriefingFigures(deps, region, kind, period, asOf);
  const generated = generateSections(figures);
  return deps.db.transaction(async (tx) => {
    if (!existing) {
      const created = await insertBriefingIfAbsent(tx, {
        regionCode: region.code,
        kind,
        periodStart: period.start,
        periodEnd: period.end,
        figures: figures as unknown as Record<string, unknown>,
        sections: generated as unknown as Record<string, unknown>[],
        generatedAt: opts.now ?? new Date(),
        generatedBy: caller.actor.id,
        generatedByName,
      });
      // another process created it meanwhile: the schedule leaves it, a request sees a conflict
      if (!created) {
        if (opts.onlyIfAbsent) return null;
        throw new AppError('VERSION_CONFLICT', msg('briefing.versionConflict', { current: 1, base: 0 }));
      }
      await recordAudit(tx, caller, {
        action: 'briefing.generate',
        objectType: 'briefing',
        objectId: created.id,
        regionCode: region.code,
        after: { kind, periodStart: period.start, periodEnd: period.end, generatedByName, figures: summary(figures) },
      });
      return { row: created, created: true };
    }
    const sections = mergeSections(generated, existing.sections as unknown as BriefingSection[], opts.resetText ?? false);
    const saved = await updateBriefingVersioned(tx, existing.id, existing.version, {
      figures: figures as unknown as Record<string, unknown>,
      sections: sections as unknown as Record<string, unknown>[],
      generatedAt: opts.now ?? new Date(),
      generatedBy: caller.actor.id,
      generatedByName,
    });
    if (!saved) throw new AppError('VERSION_CONFLICT', msg('briefing.versionConflict', { current: existing.version + 1, base: existing.version }));
    await recordAudit(tx, caller, {
      action: 'briefing.generate',
      objectType: 'briefing',
      objectId: existing.id,
      regionCode: region.code,
      before: { figures: summary(existing.figures as unknown as BriefingFigures) },
      after: { kind, periodStart: period.start, periodEnd: period.end, generatedByName, figures: summary(figures), resetText: opts.resetText ?? false },
    });
    return { row: saved, created: false };
  });
}

function refuseIssued(row: BriefingRow): void {
  if (row.status === 'issued') throw new AppError('CONFLICT', msg('briefing.issued', { issue: row.issueNumber ?? 0, edition: row.edition }));
}

/** Generates (or refreshes the draft of) the briefing of a region, kind and the period containing `date`. */
export async function generateBriefing(deps: Deps, caller: Caller, input: BriefingGenerate, opts: GenerateOptions = {}): Promise<Briefing & { created: boolean }> {
  if (!isCalendarDate(input.date)) {
    const message = msg('briefing.dateInvalid', { date: input.date });
    throw new AppError('VALIDATION', message, [{ field: 'date', message }]);
  }
  const region = await requireRegionInScope(deps, caller, input.regionCode);
  const period = periodContaining(input.kind, input.date);
  const today = todayInShanghai(opts.now);
  if (period.start > today) {
    const message = msg('briefing.periodNotStarted', { period: formatPeriod(input.kind, period), today });
    throw new AppError('VALIDATION', message, [{ field: 'date', message }]);
  }
  const result = await generateFor(deps, caller, region, input.kind, period, { ...opts, resetText: input.resetText ?? false });
  if (!result) throw new Error('generation returned nothing');
  const row = await requireBriefingInScope(deps, caller, result.row.id);
  return { ...toBriefing(row, await selectEditions(deps.db, row.id), null), created: result.created };
}

/** Roles whose holders read briefings: their regions get scheduled briefings. */
function readerRoles(): string[] {
  return ROLES.filter((r) => listPermissions([r]).includes('briefings.read'));
}

export interface ScheduledRun {
  day: string;
  kinds: BriefingKind[];
  created: { regionCode: string; kind: BriefingKind; periodStart: string; id: string }[];
  /** briefings that existed already (a re-run) */
  skipped: number;
}

/** The schedule's run on `now`'s day: every due kind for every region with readers; existing briefings stay as they are. */
export async function generateDueBriefings(deps: Deps, now: Date = new Date(), opts: { kinds?: BriefingKind[] } = {}): Promise<ScheduledRun> {
  const day = todayInShanghai(now);
  const kinds = opts.kinds ?? listDueKinds(day);
  const run: ScheduledRun = { day, kinds, created: [], skipped: 0 };
  if (kinds.length === 0) return run;
  const caller = createSystemCaller('briefings-schedule');
  const regions = await selectBriefingRegions(deps.db, readerRoles());
  for (const kind of kinds) {
    const period = periodReportedOn(kind, day);
    for (const r of regions) {
      const region = await selectRegion(deps.db, r.code);
      if (!region) continue;
      const result = await generateFor(deps, caller, region, kind, period, { now, generatedByName: '系统（定时生成）', onlyIfAbsent: true });
      if (result) run.created.push({ regionCode: region.code, kind, periodStart: period.start, id: result.row.id });
      else run.skipped++;
    }
  }
  return run;
}
