/** Breakdowns of a region's funds in a period: by direct sub-region, sector, industry section, investor type; monthly series. */
import { selectChildRegions, selectIndustries } from '../../db/queries/regions';
import { loadRollupGroups, toRange, type RollupGroupRow } from '../funds/funds-rollups';
import { buildBreakdownRow, shiftPeriodYear } from '../../domain/indicators';
import type { Caller, Deps } from '../context';
import { getEvidencePolicy, receiptFilterOf } from '../funds/evidence-policy';
import { requireRegionInScope } from '../regions';
import { readStatsQuery, type StatsQueryInput } from './statistics-query';
import { rollUpIndustry } from '../../reference/industry-classification';

const SECTOR_NAMES: Record<string, string> = { '1': '第一产业', '2': '第二产业', '3': '第三产业', '': '未填行业' };

/** Code order, the group without a code ("未填") last; plain comparison, not locale collation. */
function byKeyEmptyLast(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  return a < b ? -1 : 1;
}

interface BreakdownGroup {
  key: string;
  projects: number;
  fundsYuan: bigint;
  lastYearFundsYuan: bigint;
}

/** Executing projects and funds of the period and last year's funds, added up by `keyOf(row)`. */
function groupRows(current: readonly RollupGroupRow[], lastYear: readonly RollupGroupRow[], keyOf: (r: RollupGroupRow) => string): BreakdownGroup[] {
  const out = new Map<string, BreakdownGroup>();
  const row = (k: string) => out.get(k) ?? { key: k, projects: 0, fundsYuan: 0n, lastYearFundsYuan: 0n };
  for (const r of current) {
    const g = row(keyOf(r));
    g.projects += r.projects;
    g.fundsYuan += r.fundsYuan;
    out.set(g.key, g);
  }
  for (const r of lastYear) {
    const g = row(keyOf(r));
    g.lastYearFundsYuan += r.fundsYuan;
    out.set(g.key, g);
  }
  return [...out.values()];
}

/**
 * The breakdowns of a region's funds in a period (it may span years), projects carrying one of
 * `excludeTags` left out. The monthly series is of the period's last year (`to`'s) and the year before.
 */
export async function getBreakdowns(deps: Deps, caller: Caller, q: { region: string } & StatsQueryInput) {
  const { period, excludeTags } = readStatsQuery(q);
  const region = await requireRegionInScope(deps, caller, q.region, 'region');
  const last = shiftPeriodYear(period);
  const policy = await getEvidencePolicy(deps);
  const filter = receiptFilterOf(policy);
  const year = Number(period.to.slice(0, 4));
  const [loaded, industries, childRegions] = await Promise.all([
    loadRollupGroups(
      deps,
      region.path,
      [toRange(period.from, period.to), toRange(last.from, last.to), toRange(`${year}-01`, `${year}-12`), toRange(`${year - 1}-01`, `${year - 1}-12`)],
      filter,
      excludeTags,
    ),
    selectIndustries(deps.db),
    selectChildRegions(deps.db, region.code),
  ]);
  const industryOf = new Map(industries.map((i) => [i.code, i]));
  const [current, lastYear, thisYearSeries, lastYearSeries] = loaded as [(typeof loaded)[0], (typeof loaded)[0], (typeof loaded)[0], (typeof loaded)[0]];
  const industryOfRow = (r: RollupGroupRow) => r.group.split('|')[0] ?? '';
  const by = (keyOf: (r: RollupGroupRow) => string) => groupRows(current.groups, lastYear.groups, keyOf);
  const children = by((r) => r.child);
  // a project may carry a code at any level; 门类 and 三次产业 roll a 中类/小类 up through its 大类
  const sectors = by((r) => {
    const industry = industryOfRow(r);
    return industry ? String(rollUpIndustry(industry)?.sector ?? industryOf.get(industry)?.sector ?? '') : '';
  });
  const sections = by((r) => {
    const industry = industryOfRow(r);
    return industry ? (rollUpIndustry(industry)?.sectionCode ?? industry) : '';
  });
  const investors = by((r) => r.group.split('|')[1] ?? '');
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

  return {
    region: region.code,
    regionName: region.name,
    from: period.from,
    to: period.to,
    excludeTags,
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
      thisYear: thisYearSeries.months.map(Number),
      lastYear: lastYearSeries.months.map(Number),
    },
  };
}
