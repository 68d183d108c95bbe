/**
 * Funds rollups (per-region cached figures) must always equal the direct statement
 * (selectFundsBySource) — after every kind of change that can move figures: a receipt added,
 * corrected, verified or deleted, evidence attached, a project moved to another region or source,
 * a project deleted, an investor's tags — and so do the breakdowns and monthly series. Also checks that a change recomputes only the regions it touches.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectFundsBreakdown, selectMonthlyFunds, type BreakdownKey, type ReceiptFilter } from '../../src/db/queries/statistics/statistics';
import { getBreakdowns } from '../../src/services/statistics/statistics-breakdowns';
import { createSystemCaller } from '../../src/services/context';
import { addReceipt, correctReceipt, removeReceipt, verifyReceipt } from '../../src/services/funds/funds';
import { uploadEvidence } from '../../src/services/projects/project-extras';
import { createProject, getProjectDetail, updateProject, type ProjectCreateInput } from '../../src/services/projects/projects';
import { createPark } from '../../src/services/regions';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { expectRollupsEqualDirect } from './rollup-checks';

const WAN = 10_000;
const FILTERS: ReceiptFilter[] = [
  { verifiedOnly: false, withEvidenceOnly: false },
  { verifiedOnly: true, withEvidenceOnly: false },
  { verifiedOnly: false, withEvidenceOnly: true },
  { verifiedOnly: true, withEvidenceOnly: true },
];
const PERIODS = [
  { from: '2026-01', to: '2026-03', lastFrom: '2025-01', lastTo: '2025-03' },
  { from: '2026-02', to: '2026-02', lastFrom: '2025-02', lastTo: '2025-02' },
  { from: '2025-01', to: '2025-12', lastFrom: '2024-01', lastTo: '2024-12' },
];
const SCOPES = ['/650000/', '/650000/650100/', '/650000/650100/650109/', '/650000/650100/650102/'];

describe.each(DATABASE_KINDS)('funds rollups on %s', (kind) => {
  let t: TestApp;
  const sys = createSystemCaller('test');
  const ids: Record<string, string> = {};
  let otherStatistician: ReturnType<typeof createSystemCaller>;

  const project = async (name: string, input: Omit<ProjectCreateInput, 'name'>, receipts: [string, number][] = []) => {
    const p = await createProject(t.deps, sys, { name, ...input });
    for (const [month, wan] of receipts) await addReceipt(t.deps, sys, p.id, { month, amountYuan: wan * WAN });
    ids[name] = p.id;
    return p;
  };

  /** every scope, period and filter: the rollup answer equals the direct statement */
  const expectConsistent = () => expectRollupsEqualDirect(t.deps, SCOPES, PERIODS, FILTERS);
  /** the stored rollup (2026-01..03, all receipts) of the part (region, bucket) that holds a project */
  /** the breakdowns from rollups equal the direct grouped statements (the installation's policy: all receipts) */
  const expectBreakdownsConsistent = async () => {
    const filter = FILTERS[0]!;
    for (const [region, scope] of [['650000', '/650000/'], ['650100', '/650000/650100/'], ['650109', '/650000/650100/650109/']] as const) {
      for (const p of PERIODS) {
        const b = await getBreakdowns(t.deps, sys, { region, from: p.from, to: p.to });
        const direct = async (key: BreakdownKey) =>
          Object.fromEntries(
            (await selectFundsBreakdown(t.deps.db, scope, key, p, filter))
              .filter((r) => r.projects > 0 || r.lastYearFundsYuan > 0n)
              .map((r) => [r.key, [r.projects, Number(r.fundsYuan), Number(r.lastYearFundsYuan)]]),
          );
        const got = (rows: { key?: string; code?: string; projects: number; fundsYuan: number; lastYearFundsYuan: number }[], own?: string) =>
          Object.fromEntries(
            rows
              .filter((r) => r.projects > 0 || r.lastYearFundsYuan > 0)
              .map((r) => [own !== undefined && r.code === own ? '' : (r.key ?? r.code ?? ''), [r.projects, r.fundsYuan, r.lastYearFundsYuan]]),
          );
        const label = `${region} ${p.from}..${p.to}`;
        expect(got(b.bySubRegion, region), label).toEqual(await direct('childRegion'));
        expect(got(b.bySector), label).toEqual(await direct('sector'));
        expect(got(b.bySection), label).toEqual(await direct('section'));
        expect(got(b.byInvestorType), label).toEqual(await direct('investorType'));
        const year = Number(p.from.slice(0, 4));
        for (const [series, y] of [[b.monthly.thisYear, year], [b.monthly.lastYear, year - 1]] as const) {
          const m = await selectMonthlyFunds(t.deps.db, scope, y, filter);
          expect(series, `${label} months ${y}`).toEqual(Array.from({ length: 12 }, (_, i) => Number(m.get(`${y}-${String(i + 1).padStart(2, '0')}`) ?? 0n)));
        }
      }
    }
  };
  const rollupRow = async (projectName: string) => {
    const result = await t.deps.db.execute(sql`
      select r.version::int as version, r.computed_at::text as computed_at from funds_rollups r
      join projects p on p.region_code = r.region_code and funds_rollup_bucket(p.id) = r.bucket
      where p.id = ${ids[projectName] ?? ''} and r.year = 2026 and r.from_month = 1 and r.to_month = 3 and r.variant = 0`);
    return (result as unknown as { rows: { version: number; computed_at: string }[] }).rows[0];
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const park = await createPark(t.deps, sys, { parentCode: '650109', name: '汇总测试园区' });
    await project('A', { regionCode: '650109', source: 'local' }, [['2025-02', 100], ['2026-01', 300], ['2026-02', 200]]);
    await project('B', { regionCode: '650102', source: 'outOfRegion' }, [['2026-03', 1000]]);
    await project('C', { regionCode: park.code, source: 'foreign' }, [['2025-12', 50], ['2026-02', 70]]);
    await project('D', { regionCode: '650109', source: 'outOfRegion' }, [['2025-01', 400], ['2026-02', 0]]);
    await project('F', { regionCode: '650109' }, [['2026-03', 10]]);
    await project('G', { regionCode: '650100', source: 'local', investorName: 'G投资方', industryCode: '65' }, [['2024-06', 5], ['2026-01', 8]]);
    const statistician = await t.createAccount('rollup_stat', ['statistician'], '650000');
    otherStatistician = {
      ...sys,
      actor: { ...sys.actor, id: statistician, username: 'rollup_stat', roles: ['statistician'] },
    };
  });
  afterAll(() => t.close());

  it('equals the direct statement on the initial data, for every scope, period and receipt filter', async () => {
    await expectConsistent();
    await expectBreakdownsConsistent();
    const stored = await rollupRow('A');
    expect(stored?.version).toBeGreaterThan(0);
  });

  it('stays equal after receipts are added, corrected, verified and deleted, recomputing only the touched region', async () => {
    const before102 = await rollupRow('B');
    const before109 = await rollupRow('A');
    const r = await addReceipt(t.deps, sys, ids.A ?? '', { month: '2026-03', amountYuan: 40 * WAN });
    await expectConsistent();
    expect(await rollupRow('B')).toEqual(before102); // another region: not recomputed
    expect((await rollupRow('A'))?.version).toBeGreaterThan(before109?.version ?? 0);

    const corrected = await correctReceipt(t.deps, sys, r.id, { amountYuan: 45 * WAN, reason: '更正', version: r.version });
    await expectConsistent();
    await verifyReceipt(t.deps, otherStatistician, corrected.id, corrected.version);
    await expectConsistent();
    await removeReceipt(t.deps, sys, corrected.id, '重复录入');
    await expectConsistent();
  });

  it('stays equal after evidence is attached to a receipt', async () => {
    const receipt = await addReceipt(t.deps, sys, ids.B ?? '', { month: '2026-01', amountYuan: 3 * WAN });
    await expectConsistent();
    await uploadEvidence(t.deps, sys, ids.B ?? '', {
      kind: 'bankReceipt',
      fileName: '银行回单.pdf',
      contentBase64: Buffer.from('%PDF-1.4\n%rollup\n').toString('base64'),
      fundReceiptId: receipt.id,
    });
    await expectConsistent();
  });

  it('stays equal after a project moves to another region, changes source, or is deleted', async () => {
    const a = await getProjectDetail(t.deps, sys, ids.A ?? '');
    await updateProject(t.deps, sys, a.id, { regionCode: '650102', version: a.version });
    await expectConsistent();
    const d = await getProjectDetail(t.deps, sys, ids.D ?? '');
    await updateProject(t.deps, sys, d.id, { source: 'foreign', version: d.version });
    await expectConsistent();
    await expectBreakdownsConsistent();
    await t.deps.db.execute(sql`update projects set industry_code = '38' where id = ${ids.B ?? ''}`);
    await expectBreakdownsConsistent();
    await t.deps.db.execute(sql`update enterprises set tags = '{央企}' where id = (select investor_id from projects where id = ${ids.G ?? ''})`);
    await expectBreakdownsConsistent();
    await t.deps.db.execute(sql`delete from projects where id = ${ids.F ?? ''}`);
    await expectConsistent();
    await expectBreakdownsConsistent();
  });
});
