/**
 * The funds rollup warm-up: after new receipts in several regions and with a month whose ranges
 * have no stored rollups yet, warmFundsRollups leaves no stale part (all regions) for the ranges the
 * default statistics read, and what it stored equals the direct statements; in January the previous
 * month is last year's December; it uses the installation's receipt filter; it stops when asked.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectStaleParts, type RollupRange } from '../../src/db/queries/statistics/statistics-rollups';
import { createSystemCaller } from '../../src/services/context';
import { updateEvidencePolicy } from '../../src/services/funds/evidence-policy';
import { addReceipt, verifyReceipt } from '../../src/services/funds/funds';
import { listHotRollupRanges, previousMonth, warmFundsRollups } from '../../src/services/funds/funds-rollup-warmup';
import { createProject, type ProjectCreateInput } from '../../src/services/projects/projects';
import { createPark } from '../../src/services/regions';
import { getSummary } from '../../src/services/statistics/statistics';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import { expectRollupsEqualDirect, withLastYear } from './rollup-checks';

const WAN = 10_000;
const ALL = { verifiedOnly: false, withEvidenceOnly: false };
const SCOPES = ['/', '/650000/', '/650000/650100/', '/650000/650100/650109/', '/650000/650200/'];
const label = (r: RollupRange) => `${r.year}-${r.fromMonth}..${r.toMonth}`;
/** mid-morning in Shanghai on that day */
const at = (date: string) => new Date(`${date}T10:00:00+08:00`);

describe('hot rollup ranges', () => {
  it('are the current and previous month, year to date and alone, a year earlier, and what rankings and documents read', () => {
    const ranges = listHotRollupRanges('2026-04').map(label);
    expect(ranges.slice(0, 8)).toEqual(['2026-1..4', '2025-1..4', '2026-1..3', '2025-1..3', '2026-4..4', '2025-4..4', '2026-3..3', '2025-3..3']);
    // the breakdowns' monthly series; the month ranking's previous month; quarters; the year ranking's previous year with its own 同比
    for (const r of ['2026-1..12', '2025-1..12', '2026-2..2', '2025-2..2', '2026-1..2', '2026-1..1', '2025-10..12', '2024-10..12', '2024-1..4', '2024-1..3']) expect(ranges).toContain(r);
    expect(new Set(ranges).size).toBe(ranges.length);
  });

  it('take last year’s December as the previous month in January', () => {
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(previousMonth('2026-10')).toBe('2026-09');
    const ranges = listHotRollupRanges('2027-01').map(label);
    for (const r of ['2027-1..1', '2026-1..1', '2026-12..12', '2025-12..12', '2026-1..12', '2025-1..12', '2026-11..11', '2026-10..12']) expect(ranges).toContain(r);
  });
});

describe.each(DATABASE_KINDS)('funds rollup warm-up on %s', (kind) => {
  let t: TestApp;
  const sys = createSystemCaller('test');
  const ids: Record<string, string> = {};

  const project = async (name: string, input: Omit<ProjectCreateInput, 'name'>, receipts: [string, number][] = []) => {
    const p = await createProject(t.deps, sys, { name, ...input });
    for (const [month, wan] of receipts) await addReceipt(t.deps, sys, p.id, { month, amountYuan: wan * WAN });
    ids[name] = p.id;
  };
  const staleOf = async (month: string, variant = 0) => {
    const out: string[] = [];
    for (const range of listHotRollupRanges(month)) {
      for (const s of await selectStaleParts(t.deps.db, '/', range, variant)) out.push(`${label(range)} ${s.part.regionCode}:${s.part.bucket}`);
    }
    return out;
  };
  const partCount = async () => Number(((await t.deps.db.execute(sql`select count(*)::int as n from funds_rollup_versions`)) as unknown as { rows: { n: number }[] }).rows[0]?.n);

  beforeAll(async () => {
    t = await createTestApp(kind);
    const park = await createPark(t.deps, sys, { parentCode: '650109', name: '预热测试园区' });
    await project('A', { regionCode: '650109', source: 'local' }, [['2025-03', 100], ['2026-01', 300], ['2026-03', 200]]);
    await project('B', { regionCode: '650102', source: 'outOfRegion' }, [['2025-04', 80], ['2026-02', 1000]]);
    await project('C', { regionCode: park.code, source: 'foreign' }, [['2025-12', 50], ['2026-03', 70]]);
    await project('D', { regionCode: '650100', source: 'local', investorName: 'D投资方', industryCode: '65' }, [['2024-06', 5], ['2026-01', 8]]);
    await project('E', { regionCode: '650200' }, [['2025-01', 40]]);
  });
  afterAll(() => t.close());

  it('leaves no stale part for the hot ranges after new receipts in several regions and a new month, and stores what the direct statements give', async () => {
    // last month's figures were read (some rollups stored), then receipts arrive in several regions
    await getSummary(t.deps, sys, { region: '650000', from: '2026-01', to: '2026-03' });
    await getSummary(t.deps, sys, { region: '650000', from: '2026-03', to: '2026-03' });
    await addReceipt(t.deps, sys, ids.A ?? '', { month: '2026-04', amountYuan: 60 * WAN });
    await addReceipt(t.deps, sys, ids.B ?? '', { month: '2026-04', amountYuan: 30 * WAN });
    await addReceipt(t.deps, sys, ids.C ?? '', { month: '2026-02', amountYuan: 9 * WAN });
    await addReceipt(t.deps, sys, ids.E ?? '', { month: '2026-04', amountYuan: 12 * WAN });

    // April: nothing of its ranges is stored yet
    const parts = await partCount();
    expect(parts).toBeGreaterThanOrEqual(5);
    const april = await selectStaleParts(t.deps.db, '/', { year: 2026, fromMonth: 4, toMonth: 4 }, 0);
    expect(april.length).toBe(parts);
    // a batch reads the versions of its own parts only
    const key = (x: { part: { regionCode: string; bucket: number } }) => `${x.part.regionCode}:${x.part.bucket}`;
    const two = april.slice(1, 3);
    const among = await selectStaleParts(t.deps.db, '/', { year: 2026, fromMonth: 4, toMonth: 4 }, 0, two.map((x) => x.part));
    expect(among.map(key).sort()).toEqual(two.map(key).sort());
    expect((await staleOf('2026-04')).length).toBeGreaterThan(0);

    const result = await warmFundsRollups(t.deps, at('2026-04-10'), { partsPerBatch: 2 });
    expect(result).toMatchObject({ month: '2026-04', ranges: listHotRollupRanges('2026-04').length, stopped: false });
    expect(result.partsComputed).toBeGreaterThan(0);
    expect(await staleOf('2026-04')).toEqual([]);

    // with every part current, the answers come from what the warm-up stored
    const periods = [withLastYear('2026-01', '2026-04'), withLastYear('2026-04', '2026-04'), withLastYear('2026-01', '2026-03'), withLastYear('2026-03', '2026-03'), withLastYear('2026-02', '2026-02'), withLastYear('2026-04', '2026-06')];
    await expectRollupsEqualDirect(t.deps, SCOPES, periods, [ALL]);
    expect(await staleOf('2026-04')).toEqual([]);

    // nothing stale: a second run computes nothing
    expect((await warmFundsRollups(t.deps, at('2026-04-20'))).partsComputed).toBe(0);
  });

  it('warms last year’s December as the previous month in January', async () => {
    await addReceipt(t.deps, sys, ids.D ?? '', { month: '2025-12', amountYuan: 15 * WAN });
    await addReceipt(t.deps, sys, ids.E ?? '', { month: '2025-11', amountYuan: 6 * WAN });
    const december = { year: 2025, fromMonth: 12, toMonth: 12 };
    expect((await selectStaleParts(t.deps.db, '/', december, 0)).length).toBe(await partCount());

    await warmFundsRollups(t.deps, at('2026-01-05'));
    expect(await staleOf('2026-01')).toEqual([]);
    expect(await selectStaleParts(t.deps.db, '/', december, 0)).toEqual([]);
    expect(await selectStaleParts(t.deps.db, '/', { year: 2025, fromMonth: 1, toMonth: 12 }, 0)).toEqual([]);
    await expectRollupsEqualDirect(t.deps, SCOPES, [withLastYear('2025-12', '2025-12'), withLastYear('2025-01', '2025-12'), withLastYear('2026-01', '2026-01'), withLastYear('2025-11', '2025-11')], [ALL]);
  });

  it("uses the installation's receipt filter, and stops when asked", async () => {
    await updateEvidencePolicy(t.deps, sys, { stagesNeedingEvidence: [], receiptNeedsEvidence: false, receiptNeedsVerification: true }, '先核实后计入');
    const receipt = await addReceipt(t.deps, sys, ids.B ?? '', { month: '2026-03', amountYuan: 4 * WAN });
    const checker = await t.createAccount('warmup_stat', ['statistician'], '650000');
    await verifyReceipt(t.deps, { ...sys, actor: { ...sys.actor, id: checker, username: 'warmup_stat', roles: ['statistician'] } }, receipt.id, receipt.version);
    expect((await staleOf('2026-04', 1)).length).toBeGreaterThan(0);

    const stopped = await warmFundsRollups(t.deps, at('2026-04-10'), { shouldStop: () => true });
    expect(stopped).toMatchObject({ stopped: true, partsComputed: 0 });
    expect((await staleOf('2026-04', 1)).length).toBeGreaterThan(0);

    await warmFundsRollups(t.deps, at('2026-04-10'));
    expect(await staleOf('2026-04', 1)).toEqual([]);
    const verifiedOnly = { verifiedOnly: true, withEvidenceOnly: false };
    await expectRollupsEqualDirect(t.deps, SCOPES, [withLastYear('2026-01', '2026-04'), withLastYear('2026-03', '2026-03')], [verifiedOnly]);
    expect((await getSummary(t.deps, sys, { region: '650000', from: '2026-03', to: '2026-03' })).executing.fundsYuan).toBe(4 * WAN); // the verified receipt only
    // the filter the statistics do not use is left alone
    expect((await staleOf('2026-04', 0)).length).toBeGreaterThan(0);
    await updateEvidencePolicy(t.deps, sys, { stagesNeedingEvidence: [], receiptNeedsEvidence: false, receiptNeedsVerification: false }, '恢复');
  });
});
