/** 统计: the summary of a region and period by the definitions of DESIGN.md, and annual targets. */
import { selectSignedAggregates, selectSignedStructure, selectTarget, upsertTarget } from '../../db/queries/statistics/statistics';
import { AppError } from '../../domain/app-error';
import { msg } from '../../domain/messages/catalog';
import { buildSummary, lastDayOfMonth, shiftPeriodYear, SIZE_BANDS_YUAN, spansYears, type FullSummary } from '../../domain/indicators';
import { buildSignedBySector, buildSignedShares, SECTOR_KEYS } from '../../domain/signed-structure';
import { rollUpIndustry } from '../../reference/industry-classification';
import { isPathWithin } from '../../domain/region-scope';
import { recordAudit } from '../audit/audit';
import type { Caller, Deps } from '../context';
import { getEvidencePolicy, receiptFilterOf } from '../funds/evidence-policy';
import { loadFundsBySource } from '../funds/funds-rollups';
import { requireRegionInScope } from '../regions';
import { readStatsQuery, type StatsQueryInput } from './statistics-query';

/**
 * The summary of a region and period by the definitions of DESIGN.md. A period may span years: new
 * = first funds on or after January of `from`'s year; YoY against the same months a year earlier;
 * the annual target's completion only for a period within one year (a multi-year period has no
 * single annual target to measure against: target is null). Projects carrying one of
 * `excludeTags` drop out of every figure.
 */
export async function getSummary(deps: Deps, caller: Caller, q: { region: string } & StatsQueryInput): Promise<FullSummary> {
  const { period, excludeTags } = readStatsQuery(q);
  const region = await requireRegionInScope(deps, caller, q.region, 'region');
  const last = shiftPeriodYear(period);
  const year = period.from.slice(0, 4);
  // "proof before it counts": receipts that do not count under the installation's policy are left out
  const policy = await getEvidencePolicy(deps);
  const filter = receiptFilterOf(policy);
  const funds = await loadFundsBySource(deps, region.path, { from: period.from, to: period.to, lastFrom: last.from, lastTo: last.to }, filter, excludeTags);
  const [start, end] = [`${period.from}-01`, lastDayOfMonth(period.to)];
  const signed = await selectSignedAggregates(deps.db, region.path, start, end, SIZE_BANDS_YUAN, filter, excludeTags);
  const structure = await selectSignedStructure(deps.db, region.path, start, end, excludeTags);
  const target = spansYears(period) ? null : await selectTarget(deps.db, region.code, Number(year));
  let targetInput = null;
  if (target) {
    const ytdRows =
      period.from === `${year}-01`
        ? funds
        : await loadFundsBySource(deps, region.path, { from: `${year}-01`, to: period.to, lastFrom: `${Number(year) - 1}-01`, lastTo: last.to }, filter, excludeTags);
    targetInput = { annualYuan: target.fundsTargetYuan, yearToDateYuan: ytdRows.reduce((a, r) => a + r.fundsYuan, 0n), month: Number(period.to.slice(5, 7)) };
  }
  const core = buildSummary(region.code, period, funds, signed, targetInput);
  const total = { projects: signed.projects, amountYuan: signed.amountYuan };
  const bySector = structure.byIndustry.flatMap((g) => {
    const sector = g.key ? rollUpIndustry(g.key)?.sector : undefined;
    return sector ? [{ sector: SECTOR_KEYS[sector], projects: g.projects, amountYuan: g.amountYuan }] : [];
  });
  return {
    ...core,
    excludeTags,
    signed: {
      ...core.signed,
      bySector: buildSignedBySector(bySector, total),
      byChain: buildSignedShares(structure.byChain, total),
      byInvestorTag: buildSignedShares(structure.byInvestorTag, total),
    },
  };
}

/** Annual targets are entered by the parent level: the caller's home region must lie strictly above the region. */
export async function setTarget(
  deps: Deps,
  caller: Caller,
  input: { regionCode: string; year: number; fundsTargetYuan: number; signedTargetYuan: number | null; reason: string },
) {
  const region = await requireRegionInScope(deps, caller, input.regionCode, 'regionCode');
  if (region.path === caller.actor.regionPath || !isPathWithin(caller.actor.regionPath, region.path)) {
    throw new AppError('FORBIDDEN', msg('stats.targetFromAbove', { region: region.name }));
  }
  if (!Number.isSafeInteger(input.fundsTargetYuan) || input.fundsTargetYuan <= 0) {
    throw new AppError('VALIDATION', msg('stats.fundsTargetPositive'), [{ field: 'fundsTargetYuan', message: msg('stats.aboveZero') }]);
  }
  const before = await selectTarget(deps.db, region.code, input.year);
  await deps.db.transaction(async (tx) => {
    await upsertTarget(tx, {
      regionCode: region.code,
      year: input.year,
      fundsTargetYuan: BigInt(input.fundsTargetYuan),
      signedTargetYuan: input.signedTargetYuan === null ? null : BigInt(input.signedTargetYuan),
      setBy: caller.actor.id,
    });
    await recordAudit(tx, caller, {
      action: 'target.set',
      objectType: 'target',
      objectId: `${region.code}/${input.year}`,
      regionCode: region.code,
      before: before ? { fundsTargetYuan: Number(before.fundsTargetYuan), signedTargetYuan: before.signedTargetYuan === null ? null : Number(before.signedTargetYuan) } : null,
      after: { fundsTargetYuan: input.fundsTargetYuan, signedTargetYuan: input.signedTargetYuan },
      reason: input.reason,
    });
  });
  return { regionCode: region.code, regionName: region.name, year: input.year, fundsTargetYuan: input.fundsTargetYuan, signedTargetYuan: input.signedTargetYuan };
}

/** A region's annual target, or null when none has been set (an absent target is a value, not an error). */
export async function getTarget(deps: Deps, caller: Caller, regionCode: string, year: number) {
  const region = await requireRegionInScope(deps, caller, regionCode, 'regionCode');
  const t = await selectTarget(deps.db, region.code, year);
  if (!t) return null;
  return { regionCode: region.code, regionName: region.name, year, fundsTargetYuan: Number(t.fundsTargetYuan), signedTargetYuan: t.signedTargetYuan === null ? null : Number(t.signedTargetYuan) };
}
