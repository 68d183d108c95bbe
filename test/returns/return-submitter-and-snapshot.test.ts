/**
 * Monthly returns: the status list names who made the latest submission; the month-only part of a
 * snapshot has no target block (only the year to date has the completion), and snapshots stored
 * before that change — which still carry a copy of it — read and compare like the newer ones.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemCaller } from '../../src/services/context';
import { addReceipt } from '../../src/services/funds/funds';
import { createProject } from '../../src/services/projects/projects';
import { setTarget } from '../../src/services/statistics/statistics';
import { createUser } from '../../src/services/accounts/users';
import type { ReturnDto } from '../../src/services/returns/returns';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const WAN = 10_000;
const M = '2026-03';

interface StatusRow {
  regionCode: string;
  state: string;
  submittedAt: string | null;
  submittedByName: string | null;
}

describe.each(DATABASE_KINDS)('return submitter and month-only snapshot on %s', (kind) => {
  let t: TestApp;
  const sys = createSystemCaller('test');
  const cookie: Record<string, string> = {};
  let secondProjectId = '';

  const call = (who: string, method: string, url: string, body?: unknown) => t.call(method, url, { cookie: cookie[who], body });
  const act = async (who: string, action: string, region: string, body: unknown = {}) => {
    const res = await call(who, 'POST', `/api/returns/${region}/${M}/${action}`, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ReturnDto;
  };
  const get = async (region: string) => {
    const res = await call('rev_pref', 'GET', `/api/returns/${region}/${M}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ReturnDto;
  };
  const status = async () => {
    const res = await call('rev_pref', 'GET', `/api/returns/status?region=650100&month=${M}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { own: StatusRow; items: StatusRow[] };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const p = await createProject(t.deps, sys, { name: '快照测试项目', regionCode: '650109', source: 'local' });
    secondProjectId = (await createProject(t.deps, sys, { name: '快照测试项目二', regionCode: '650109', source: 'local' })).id;
    for (const [month, wan] of [['2026-01', 100], ['2026-03', 50]] as const) await addReceipt(t.deps, sys, p.id, { month, amountYuan: wan * WAN });
    await setTarget(t.deps, sys, { regionCode: '650109', year: 2026, fundsTargetYuan: 1_000 * WAN, signedTargetYuan: null, reason: '年度目标' });
    const people: [string, string, string, string][] = [
      ['stat_mid', '米东区统计员甲', 'statistician', '650109'],
      ['stat_mid2', '米东区统计员乙', 'statistician', '650109'],
      ['rev_pref', '乌鲁木齐市审核员', 'reviewer', '650100'],
    ];
    for (const [username, displayName, role, regionCode] of people) {
      await createUser(t.deps, sys, { username, displayName, regionCode, password: TEST_PASSWORD, roles: [role], mustChangePassword: false });
      cookie[username] = await t.login(username);
    }
  });
  afterAll(() => t.close());

  it('lists who made the latest submission next to when', async () => {
    const before = await status();
    expect(before.items.find((i) => i.regionCode === '650109')).toMatchObject({ state: 'draft', submittedAt: null, submittedByName: null });

    await act('stat_mid', 'submit', '650109');
    const first = await status();
    expect(first.items.find((i) => i.regionCode === '650109')).toMatchObject({ state: 'submitted', submittedByName: '米东区统计员甲' });
    expect(first.items.find((i) => i.regionCode === '650109')?.submittedAt).not.toBeNull();
    expect(first.items.find((i) => i.regionCode === '650102')).toMatchObject({ submittedByName: null });
    expect(first.own).toMatchObject({ regionCode: '650100', submittedByName: null });

    // returned and submitted again by a colleague: the latest submission's name
    await act('rev_pref', 'return', '650109', { reason: '请核实' });
    expect((await status()).items.find((i) => i.regionCode === '650109')).toMatchObject({ state: 'returned', submittedByName: '米东区统计员甲' });
    await act('stat_mid2', 'submit', '650109');
    expect((await status()).items.find((i) => i.regionCode === '650109')).toMatchObject({ state: 'submitted', submittedByName: '米东区统计员乙' });
  });

  it('keeps the target block in the year to date only, in the live figures and in the stored snapshot', async () => {
    const r = await get('650109');
    // 150万 of 1000万: 15 %
    expect(r.figures.yearToDate.target).toMatchObject({ annualYuan: 1_000 * WAN, completionPct: 15 });
    expect(r.figures.monthOnly.target).toBeNull();
    expect(r.figures.monthOnly.executing.fundsYuan).toBe(50 * WAN);
    const stored = await t.deps.db.execute(sql`
      select v.snapshot from monthly_return_versions v join monthly_returns r on r.id = v.return_id
      where r.region_code = '650109' and r.month = ${M} order by v.number`);
    const snapshots = (stored as unknown as { rows: { snapshot: ReturnDto['figures'] }[] }).rows.map((x) => x.snapshot);
    expect(snapshots).toHaveLength(2);
    for (const s of snapshots) {
      expect(s.monthOnly.target).toBeNull();
      expect(s.yearToDate.target).toMatchObject({ completionPct: 15 });
    }
  });

  it('reads snapshots stored with a month-only target block like the newer ones, and the changes list ignores it', async () => {
    // what the earlier code stored: the month-only part carried a copy of the year to date's target block
    await t.deps.db.execute(sql`
      update monthly_return_versions v set snapshot = jsonb_set(v.snapshot, '{monthOnly,target}', v.snapshot #> '{yearToDate,target}')
      from monthly_returns r where r.id = v.return_id and r.region_code = '650109' and r.month = ${M}`);
    await t.deps.db.execute(sql`
      update monthly_returns set snapshot = jsonb_set(snapshot, '{monthOnly,target}', snapshot #> '{yearToDate,target}')
      where region_code = '650109' and month = ${M}`);
    const old = await t.deps.db.execute(sql`select snapshot #> '{monthOnly,target,completionPct}' as pct from monthly_returns where region_code = '650109' and month = ${M}`);
    expect(Number((old as unknown as { rows: { pct: unknown }[] }).rows[0]?.pct)).toBe(15);

    const frozen = await get('650109');
    expect(frozen.figures.monthOnly.target).toBeNull();
    expect(frozen.versions.map((v) => v.snapshot.monthOnly.target)).toEqual([null, null]);
    expect(frozen.changes).toEqual([]); // the two submissions hold the same figures

    // returned; the ledger changes; the live figures against the (old-style) last submission
    await act('rev_pref', 'return', '650109', { reason: '三月资金有误' });
    await addReceipt(t.deps, sys, secondProjectId, { month: M, amountYuan: 20 * WAN });
    const live = await get('650109');
    const fields = live.changesSinceLastSubmission.map((c) => c.field);
    expect(fields).toContain('monthOnly.executing.fundsYuan');
    expect(live.changesSinceLastSubmission).toContainEqual({ field: 'yearToDate.target.completionPct', before: 15, after: 17 });
    expect(fields.filter((f) => f.startsWith('monthOnly.target'))).toEqual([]);

    // submitted again: the changes between an old-style and a new snapshot
    await act('stat_mid', 'submit', '650109');
    const resubmitted = await get('650109');
    expect(resubmitted.changes).toEqual(live.changesSinceLastSubmission);
    expect(resubmitted.changes).toContainEqual({ field: 'monthOnly.executing.fundsYuan', before: 50 * WAN, after: 70 * WAN });
  });
});
