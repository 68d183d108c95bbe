/**
 * The breakdowns list the group without an industry code (未填行业) last, whatever order its rows
 * come in. The rollup groups are read without an ORDER BY, so in the other statistics tests the
 * group without a code may or may not be met first; here it is met first for certain: it is the
 * only group of the period, and the coded group has only last year's funds (the period's groups
 * are added up before last year's). Figures computed by hand, 米东区 (650109), P = 2026-01..03,
 * P' = 2025-01..03:
 *   X no industry code, local:              2026-02 40万          → executing 40万, P' 0
 *   Y 3612 (小类 → 36 → 门类 C, 第二产业), local: 2025-02 100万 only → not executing, P' 100万
 * total: funds 40万, last year 100万, growth −60万.
 *   第二产业 / C: projects 0, funds 0, P' 100万; YoY (0 − 100)/100 = −100 %; share 0/40 = 0 %;
 *     contribution −100/−60 = 166.666… → 166.67 %; pull −100/100 = −100 points
 *   未填行业: projects 1, funds 40万, P' 0; YoY null (zero base); share 40/40 = 100 %;
 *     contribution 40/−60 = −66.666… → −66.67 %; pull 40/100 = 40 points
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemCaller } from '../../src/services/context';
import { addReceipt } from '../../src/services/funds/funds';
import { createProject } from '../../src/services/projects/projects';
import { getBreakdowns } from '../../src/services/statistics/statistics-breakdowns';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const WAN = 10_000;

describe.each(DATABASE_KINDS)('breakdown order on %s', (kind) => {
  let t: TestApp;
  const sys = createSystemCaller('test');

  beforeAll(async () => {
    t = await createTestApp(kind);
    const x = await createProject(t.deps, sys, { name: 'X', regionCode: '650109', source: 'local' });
    await addReceipt(t.deps, sys, x.id, { month: '2026-02', amountYuan: 40 * WAN });
    const y = await createProject(t.deps, sys, { name: 'Y', regionCode: '650109', source: 'local', industryCode: '3612' });
    await addReceipt(t.deps, sys, y.id, { month: '2025-02', amountYuan: 100 * WAN });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('puts 未填行业 after the coded groups when it is met first', async () => {
    const b = await getBreakdowns(t.deps, sys, { region: '650109', from: '2026-01', to: '2026-03' });
    expect(b.total).toEqual({ fundsYuan: 40 * WAN, lastYearFundsYuan: 100 * WAN });
    const coded = { projects: 0, fundsYuan: 0, lastYearFundsYuan: 100 * WAN, yoyPct: -100, sharePct: 0, contributionPct: 166.67, pullPts: -100 };
    const uncoded = { projects: 1, fundsYuan: 40 * WAN, lastYearFundsYuan: 0, yoyPct: null, sharePct: 100, contributionPct: -66.67, pullPts: 40 };
    expect(b.bySector).toEqual([
      { key: '2', name: '第二产业', ...coded },
      { key: '', name: '未填行业', ...uncoded },
    ]);
    expect(b.bySection).toEqual([
      { key: 'C', name: '制造业', ...coded },
      { key: '', name: '未填行业', ...uncoded },
    ]);
  });
});
