/** Breakdowns of a region's funds in a period: by direct sub-region, sector, industry section, investor type; monthly series. */
import { selectChildRegions, selectIndustries } from '../db/queries/regions';
import { selectFundsBreakdown, selectMonthlyFunds, type BreakdownKey } from '../db/queries/statistics';
import { AppError } from '../domain/app-error';
import { buildBreakdownRow, checkPeriod, shiftPeriodYear } from '../domain/indicators';
import type { Caller, Deps } from './context';
import { getEvidencePolicy } from './evidence-policy';
import { requireRegionInScope } from './regions';

const SECTOR_NAMES: Record<string, string> = { '1': '第一产业', '2': '第二产业', '3': '第三产业', '': '未填行业' };

/** Code order, the group without a code ("未填") last; plain comparison, not locale collation. */
function byKeyEmptyLast(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  return a < b ? -1 : 1;
}

export async function getBreakdowns(deps: Deps, caller: Caller, q: { region: string; from: string; to: string }) {
  const problem = checkPeriod(q);
  if (problem) throw new AppError('VALIDATION', problem, [{ field: 'from', message: problem }]);
  const region = await requireRegionInScope(deps, caller, q.region, 'region');
  const last = shiftPeriodYear(q);
  const policy = await getEvidencePolicy(deps);
  const filter = { verifiedOnly: policy.receiptNeedsVerification, withEvidenceOnly: policy.receiptNeedsEvidence };
  const period = { from: q.from, to: q.to, lastFrom: last.from, lastTo: last.to };
  const load = (key: BreakdownKey) => selectFundsBreakdown(deps.db, region.path, key, period, filter);
  const [children, sectors, sections, investors, industries, childRegions] = await Promise.all([
    load('childRegion'),
    load('sector'),
    load('section'),
    load('investorType'),
    selectIndustries(deps.db),
    selectChildRegions(deps.db, region.code),
  ]);
  const total = {
    fundsYuan: children.reduce((a, r) => a + r.fundsYuan, 0n),
    lastYearFundsYuan: children.reduce((a, r) => a + r.lastYearFundsYuan, 0n),
  };
  const empty = { projects: 0, fundsYuan: 0n, lastYearFundsYuan: 0n };
  const byChild = new Map(children.map((c) => [c.key, c]));
  const bySubRegion = childRegions.map((c) => ({ code: c.code, name: c.name, ...buildBreakdownRow({ key: c.code, ...(byChild.get(c.code) ?? empty) }, total) }));
  const own = byChild.get('');
  if (own) bySubRegion.unshift({ code: region.code, name: `${region.name}（本级）`, ...buildBreakdownRow(own, total) });
  const sectionNames = new Map(industries.filter((i) => i.level === 'section').map((i) => [i.code, i.name]));
  const year = Number(q.from.slice(0, 4));
  const [thisYear, lastYear] = await Promise.all([selectMonthlyFunds(deps.db, region.path, year, filter), selectMonthlyFunds(deps.db, region.path, year - 1, filter)]);
  const months = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));
  return {
    region: region.code,
    regionName: region.name,
    from: q.from,
    to: q.to,
    total: { fundsYuan: Number(total.fundsYuan), lastYearFundsYuan: Number(total.lastYearFundsYuan) },
    bySubRegion,
    bySector: sectors
      .sort((a, b) => byKeyEmptyLast(a.key, b.key))
      .map((s) => ({ key: s.key, name: SECTOR_NAMES[s.key] ?? s.key, ...buildBreakdownRow(s, total) })),
    bySection: sections
      .sort((a, b) => byKeyEmptyLast(a.key, b.key))
      .map((s) => ({ key: s.key, name: s.key ? (sectionNames.get(s.key) ?? s.key) : '未填行业', ...buildBreakdownRow(s, total) })),
    byInvestorType: investors
      .sort((a, b) => Number(b.fundsYuan - a.fundsYuan))
      .map((s) => ({ key: s.key, name: s.key || '其他投资方', ...buildBreakdownRow(s, total) })),
    monthly: {
      year,
      thisYear: months.map((m) => Number(thisYear.get(`${year}-${m}`) ?? 0n)),
      lastYear: months.map((m) => Number(lastYear.get(`${year - 1}-${m}`) ?? 0n)),
    },
  };
}
