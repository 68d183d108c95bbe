/** Checks shared by the rollup tests: the figures from rollups equal the direct statements over the receipts. */
import { expect } from 'vitest';
import { selectFundsBySource, type ReceiptFilter } from '../../src/db/queries/statistics/statistics';
import type { Deps } from '../../src/services/context';
import { loadFundsBySource } from '../../src/services/funds/funds-rollups';

export interface FundsPeriod {
  from: string;
  to: string;
  lastFrom: string;
  lastTo: string;
}

type Row = { source: string | null; projects: number; fundsYuan: bigint; newProjects: number; newFundsYuan: bigint; lastYearProjects: number; lastYearFundsYuan: bigint };
const sorted = (rows: Row[]) =>
  rows
    .filter((r) => r.projects > 0 || r.lastYearProjects > 0)
    .map((r) => ({ ...r, source: r.source ?? '' }))
    .sort((a, b) => a.source.localeCompare(b.source));

/** A period and the same months a year earlier. */
export function withLastYear(from: string, to: string): FundsPeriod {
  const back = (m: string) => `${Number(m.slice(0, 4)) - 1}${m.slice(4)}`;
  return { from, to, lastFrom: back(from), lastTo: back(to) };
}

/** Every scope, period and filter: the funds by source from rollups (loadFundsBySource) equal the direct statement. */
export async function expectRollupsEqualDirect(deps: Deps, scopes: readonly string[], periods: readonly FundsPeriod[], filters: readonly ReceiptFilter[]): Promise<void> {
  for (const scope of scopes) {
    for (const p of periods) {
      for (const filter of filters) {
        const direct = await selectFundsBySource(deps.db, scope, { ...p, yearStart: `${p.from.slice(0, 4)}-01` }, filter);
        const rolled = await loadFundsBySource(deps, scope, p, filter);
        expect(sorted(rolled), `${scope} ${p.from}..${p.to} ${JSON.stringify(filter)}`).toEqual(sorted(direct));
      }
    }
  }
}
