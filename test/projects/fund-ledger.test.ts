/**
 * The ledger as statisticians work (issue 11, item 8), through the HTTP API on a real database:
 * the monthly entry grid writes through the fund service (audit, scope, locked months); the 待核实
 * queue lists other people's receipts only, and verifying one's own is refused by the server with a
 * Chinese 403; a locked month names who reopens it; a return's review lists the changed receipts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemCaller } from '../../src/services/context';
import { updateEvidencePolicy } from '../../src/services/funds/evidence-policy';
import { createProject } from '../../src/services/projects/projects';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const WAN = 10_000;
const MONTH = '2026-02';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');

interface GridBody {
  regionName: string;
  items: { projectId: string; projectCode: string; projectName: string; previousMonthYuan: number | null; receipt: { id: string; amountYuan: number; version: number; enteredByMe: boolean; verified: boolean; counts: boolean; countsWhy: string | null; evidenceCount: number } | null; lock: { reopener: string; message: string } | null }[];
}

describe.each(DATABASE_KINDS)('statisticians ledger on %s', (kind) => {
  let t: TestApp;
  let alice: string; // statistician of 米东区
  let bob: string; // another statistician of 米东区
  let reviewer: string; // reviewer of 乌鲁木齐市 (the parent level)
  let sibling: string; // statistician of 天山区
  const sys = createSystemCaller('test');
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const name of ['甲', '乙', '丙']) ids[name] = (await createProject(t.deps, sys, { name: `台账${name}`, regionCode: '650109', source: 'local', stage: 'lead' })).id;
    ids.other = (await createProject(t.deps, sys, { name: '天山台账', regionCode: '650102', source: 'local' })).id;
    await t.createAccount('fl_alice', ['statistician'], '650109');
    await t.createAccount('fl_bob', ['statistician'], '650109');
    await t.createAccount('fl_reviewer', ['reviewer'], '650100');
    await t.createAccount('fl_sibling', ['statistician'], '650102');
    alice = await t.login('fl_alice');
    bob = await t.login('fl_bob');
    reviewer = await t.login('fl_reviewer');
    sibling = await t.login('fl_sibling');
  });
  afterAll(() => t.close());

  const grid = async (cookie: string, month = MONTH) => {
    const res = await t.call('GET', `/api/funds/grid?region=650109&month=${month}`, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as GridBody;
  };
  const save = (cookie: string, body: unknown) => t.call('PUT', '/api/funds/grid', { cookie, body });

  it('lists every project of the region for the month and saves new rows through the fund service, audited', async () => {
    const before = await grid(alice);
    expect(before.items.map((i) => i.projectName).sort()).toEqual(['台账丙', '台账乙', '台账甲']);
    expect(before.items.every((i) => i.receipt === null && i.lock === null)).toBe(true);
    const res = await save(alice, {
      region: '650109',
      month: MONTH,
      entries: [
        { projectId: ids['甲'], amountYuan: 100 * WAN },
        { projectId: ids['乙'], amountYuan: 50 * WAN },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().saved.map((s: { change: string }) => s.change)).toEqual(['create', 'create']);
    expect(res.json().refused).toEqual([]);
    const after = await grid(alice);
    const jia = after.items.find((i) => i.projectId === ids['甲']);
    expect(jia?.receipt).toMatchObject({ amountYuan: 100 * WAN, enteredByMe: true });
    // the same audit row as a single entry
    const audit = await t.database.db.execute(
      (await import('drizzle-orm')).sql`select action, actor_username from audit_log where object_id = ${jia?.receipt?.id ?? ''}`,
    );
    expect((audit as unknown as { rows: { action: string; actor_username: string }[] }).rows).toEqual([{ action: 'funds.create', actor_username: 'fl_alice' }]);
    // next month shows this month as the previous one
    const march = await grid(alice, '2026-03');
    expect(march.items.find((i) => i.projectId === ids['甲'])?.previousMonthYuan).toBe(100 * WAN);
  });

  it('refuses a correction without a reason row by row, and corrects with one', async () => {
    const rows = (await grid(alice)).items;
    const jia = rows.find((i) => i.projectId === ids['甲']);
    const noReason = await save(alice, { region: '650109', month: MONTH, entries: [{ projectId: ids['甲'], amountYuan: 120 * WAN, version: jia?.receipt?.version }, { projectId: ids['丙'], amountYuan: 7 * WAN }] });
    expect(noReason.statusCode).toBe(200);
    expect(noReason.json().saved.map((s: { projectId: string }) => s.projectId)).toEqual([ids['丙']]);
    expect(noReason.json().refused[0].message).toContain('更正已录入的到位资金须说明原因');
    const withReason = await save(alice, { region: '650109', month: MONTH, reason: '银行回单金额更正', entries: [{ projectId: ids['甲'], amountYuan: 120 * WAN, version: jia?.receipt?.version }] });
    expect(withReason.json().saved).toMatchObject([{ change: 'correct' }]);
    expect((await grid(alice)).items.find((i) => i.projectId === ids['甲'])?.receipt?.amountYuan).toBe(120 * WAN);
  });

  it('keeps other regions out: the sibling county neither sees nor writes this grid', async () => {
    expect((await t.call('GET', '/api/funds/grid?region=650109&month=2026-02', { cookie: sibling })).statusCode).toBe(404);
    const res = await save(sibling, { region: '650102', month: MONTH, entries: [{ projectId: ids['甲'], amountYuan: WAN }] });
    expect(res.statusCode).toBe(200);
    expect(res.json().refused[0].message).toContain('不在该地区范围内');
  });

  it('queues receipts for verification by someone else only, and the server refuses verifying one\'s own', async () => {
    const pending = async (cookie: string) => (await t.call('GET', '/api/receipts/pending?region=650109', { cookie })).json() as { total: number; items: { id: string; projectName: string; version: number; enteredByName: string }[] };
    expect((await pending(alice)).total).toBe(0); // all three are Alice's
    const forBob = await pending(bob);
    expect(forBob.items.map((i) => i.projectName).sort()).toEqual(['台账丙', '台账乙', '台账甲']);
    expect(forBob.items.every((i) => i.enteredByName === 'fl_alice')).toBe(true);
    const own = forBob.items[0];
    const refused = await t.call('POST', `/api/receipts/${own?.id}/verify`, { cookie: alice, body: { version: own?.version } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe('录入人不能核实自己录入的到位资金，请由另一位统计员核实');
    const ok = await t.call('POST', `/api/receipts/${own?.id}/verify`, { cookie: bob, body: { version: own?.version } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await pending(bob)).total).toBe(2);
  });

  it('says in the grid which receipts do not count yet under 先证后计, and why (verification and evidence both)', async () => {
    await updateEvidencePolicy(t.deps, sys, { stagesNeedingEvidence: [], receiptNeedsEvidence: true, receiptNeedsVerification: true }, '测试先证后计');
    try {
      const receipts = (await grid(bob)).items.filter((i) => i.receipt !== null);
      const verified = receipts.find((i) => i.receipt?.verified);
      const unverified = receipts.find((i) => !i.receipt?.verified);
      expect(verified?.receipt).toMatchObject({ counts: false, countsWhy: '缺少佐证材料', evidenceCount: 0 });
      expect(unverified?.receipt).toMatchObject({ counts: false, countsWhy: '未核实、缺少佐证材料' });
      const attached = await t.call('POST', `/api/projects/${verified?.projectId}/evidence`, {
        cookie: bob,
        body: { kind: 'bankReceipt', fileName: '回单.png', contentBase64: PNG, fundReceiptId: verified?.receipt?.id },
      });
      expect(attached.statusCode, attached.body).toBe(201);
      const after = (await grid(bob)).items.find((i) => i.projectId === verified?.projectId);
      expect(after?.receipt).toMatchObject({ counts: true, countsWhy: null, evidenceCount: 1 });
    } finally {
      await updateEvidencePolicy(t.deps, sys, { stagesNeedingEvidence: [], receiptNeedsEvidence: false, receiptNeedsVerification: false }, '恢复');
    }
  });

  it('shows a locked month with who reopens it and refuses its rows', async () => {
    // the county submits January, the prefecture's reviewer approves: January is locked
    const jan = await save(alice, { region: '650109', month: '2026-01', entries: [{ projectId: ids['甲'], amountYuan: 10 * WAN }] });
    expect(jan.json().refused).toEqual([]);
    expect((await t.call('POST', '/api/returns/650109/2026-01/submit', { cookie: alice, body: {} })).statusCode).toBe(200);
    expect((await t.call('POST', '/api/returns/650109/2026-01/approve', { cookie: reviewer, body: {} })).statusCode).toBe(200);
    const locked = await grid(alice, '2026-01');
    expect(locked.items.every((i) => i.lock !== null)).toBe(true);
    expect(locked.items[0]?.lock?.reopener).toBe('上级（乌鲁木齐市）审核员');
    const res = await save(alice, { region: '650109', month: '2026-01', entries: [{ projectId: ids['乙'], amountYuan: WAN }] });
    expect(res.json().refused[0].message).toContain('已审核通过并锁定，如需更正请由上级（乌鲁木齐市）重新开放');
    const receipts = (await t.call('GET', `/api/projects/${ids['甲']}/receipts`, { cookie: alice })).json() as { items: { month: string; lock: { reopener: string } | null }[] };
    expect(receipts.items.find((r) => r.month === '2026-01')?.lock?.reopener).toBe('上级（乌鲁木齐市）审核员');
    expect(receipts.items.find((r) => r.month === '2026-02')?.lock).toBeNull();
  });

  it('lists the changed receipts in a return review: project, month, old → new, who, why', async () => {
    expect((await t.call('POST', '/api/returns/650109/2026-02/submit', { cookie: alice, body: {} })).statusCode).toBe(200);
    expect((await t.call('POST', '/api/returns/650109/2026-02/return', { cookie: reviewer, body: { reason: '乙项目金额有误' } })).statusCode).toBe(200);
    const yi = (await grid(bob)).items.find((i) => i.projectId === ids['乙']);
    const fix = await save(bob, { region: '650109', month: MONTH, reason: '按银行回单更正', entries: [{ projectId: ids['乙'], amountYuan: 55 * WAN, version: yi?.receipt?.version }] });
    expect(fix.json().refused).toEqual([]);
    // while returned: what changed since the last submission
    const live = (await t.call('GET', '/api/returns/650109/2026-02', { cookie: reviewer })).json();
    expect(live.receiptChangesSinceLastSubmission).toMatchObject([
      { projectName: '台账乙', month: MONTH, beforeYuan: 50 * WAN, afterYuan: 55 * WAN, actorName: 'fl_bob', reason: '按银行回单更正', kind: 'correct' },
    ]);
    expect((await t.call('POST', '/api/returns/650109/2026-02/submit', { cookie: alice, body: {} })).statusCode).toBe(200);
    const review = (await t.call('GET', '/api/returns/650109/2026-02', { cookie: reviewer })).json();
    expect(review.receiptChanges).toMatchObject([{ projectName: '台账乙', month: MONTH, beforeYuan: 50 * WAN, afterYuan: 55 * WAN, actorName: 'fl_bob', reason: '按银行回单更正' }]);
    expect(review.changes.length).toBeGreaterThan(0);
  });
});
