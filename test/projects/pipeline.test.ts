import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '../../src/domain/dates';
import { shiftDate } from '../../src/domain/working-days';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

interface Project {
  id: string;
  code: string;
  stage: string;
  version: number;
  light: string;
  lightReasons: string[];
  investorName: string | null;
  signedAmountYuan: number | null;
  fundsTotalYuan: number;
}

describe.each(DATABASE_KINDS)('project pipeline on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let stat: string;
  let stat2: string;
  let sibling: string;
  let leaderId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    leaderId = await t.createAccount('pl_leader', ['leader'], '650100');
    await t.createAccount('pl_officer', ['officer'], '650109');
    await t.createAccount('pl_stat', ['statistician'], '650109');
    await t.createAccount('pl_stat2', ['statistician'], '650109');
    await t.createAccount('pl_sibling', ['officer'], '650102');
    officer = await t.login('pl_officer');
    stat = await t.login('pl_stat');
    stat2 = await t.login('pl_stat2');
    sibling = await t.login('pl_sibling');
  });
  afterAll(() => t.close());

  const create = async (body: Record<string, unknown>, cookie = officer) => t.call('POST', '/api/projects', { cookie, body: { regionCode: '650109', ...body } });

  it('creates a lead with a generated code and records the first timeline entry', async () => {
    const res = await create({ name: '年产 10 万吨铝箔项目' });
    expect(res.statusCode).toBe(201);
    const p = res.json() as Project;
    expect(p.code).toMatch(new RegExp(`^XM650109${todayInShanghai().replaceAll('-', '')}\\d{4}$`));
    expect(p).toMatchObject({ stage: 'lead', light: 'green', signedAmountYuan: null, fundsTotalYuan: 0 });
    const second = (await create({ name: '第二个项目' })).json() as Project;
    expect(Number(second.code.slice(-4))).toBe(Number(p.code.slice(-4)) + 1);
    const detail = (await t.call('GET', `/api/projects/${p.id}`, { cookie: officer })).json() as { stageHistory: { toStage: string; note: string }[]; nextStage: string; nextStageChecklist: { field: string }[] };
    expect(detail.stageHistory).toEqual([expect.objectContaining({ fromStage: null, toStage: 'lead', note: '新建项目' })]);
    expect(detail.nextStage).toBe('negotiating');
    expect(detail.nextStageChecklist.map((c) => c.field)).toEqual(['investorName', 'likelihood', 'expectedLandingDate']);
  });

  it('refuses a stage change that the rules do not allow and names every missing field', async () => {
    const p = (await create({ name: '光伏组件项目' })).json() as Project;
    const res = await t.call('POST', `/api/projects/${p.id}/stage`, { cookie: officer, body: { to: 'signed', version: p.version } });
    expect(res.statusCode).toBe(400);
    const err = res.json() as { error: { message: string; details: { field: string }[] } };
    expect(err.error.details.map((d) => d.field)).toEqual(['investorName', 'signedDate', 'signedAmountYuan']);
    expect(err.error.message).toContain('转入“签约”还缺');

    const edited = await t.call('PATCH', `/api/projects/${p.id}`, {
      cookie: officer,
      body: { investorName: '华为技术有限公司', investorCreditCode: '914403001922038216', likelihood: 'high', expectedLandingDate: '2027-06-30', signedDate: '2026-11-01', signedAmountYuan: 2_000_000_000, version: p.version },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const e = edited.json() as Project;
    expect(e.investorName).toBe('华为技术有限公司');
    const moved = await t.call('POST', `/api/projects/${p.id}/stage`, { cookie: officer, body: { to: 'signed', version: e.version } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((moved.json() as Project).stage).toBe('signed');
  });

  it('validates the investor credit code and names the wrong check character', async () => {
    const res = await create({ name: '坏代码项目', investorName: '某公司', investorCreditCode: '914403001922038217' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { details: [{ field: 'investorCreditCode' }] } });
    expect((res.json() as { error: { message: string } }).error.message).toContain('第 18 位（总校验码）应为 6');
  });

  it('answers a save over a newer version with 409 and keeps the newer data', async () => {
    const p = (await create({ name: '并发项目', investorName: '某集团', plannedInvestmentYuan: 300_000_000 })).json() as Project;
    const first = await t.call('PATCH', `/api/projects/${p.id}`, { cookie: officer, body: { name: '甲改', version: p.version } });
    expect(first.statusCode).toBe(200);
    // a partial edit leaves the fields it does not name alone
    expect(first.json()).toMatchObject({ name: '甲改', investorName: '某集团', plannedInvestmentYuan: 300_000_000 });
    const stale = await t.call('PATCH', `/api/projects/${p.id}`, { cookie: officer, body: { name: '乙改', version: p.version } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'VERSION_CONFLICT' } });
    expect(((await t.call('GET', `/api/projects/${p.id}`, { cookie: officer })).json() as { name: string }).name).toBe('甲改');
  });

  it('lets an old incomplete record be corrected: an edit checks only the rules of the changed fields', async () => {
    const p = (await create({ name: '老项目', stage: 'signed', investorName: '某投资方', likelihood: 'low', expectedLandingDate: '2026-12-31', signedDate: '2026-03-01', signedAmountYuan: 100_000_000 })).json() as Project;
    // an old record lost its expected landing date (imported that way)
    await t.database.db.execute(sql`update projects set expected_landing_date = null where id = ${p.id}`);
    const fix = await t.call('PATCH', `/api/projects/${p.id}`, { cookie: officer, body: { signedAmountYuan: 120_000_000, version: p.version } });
    expect(fix.statusCode, fix.body).toBe(200);
    const breakIt = await t.call('PATCH', `/api/projects/${p.id}`, { cookie: officer, body: { signedAmountYuan: null, version: (fix.json() as Project).version } });
    expect(breakIt.statusCode).toBe(400);
    expect(breakIt.json()).toMatchObject({ error: { details: [{ field: 'signedAmountYuan' }] } });
  });

  it('terminates with a reason from any stage; a terminated project stays so', async () => {
    const p = (await create({ name: '终止项目' })).json() as Project;
    const noReason = await t.call('POST', `/api/projects/${p.id}/stage`, { cookie: officer, body: { to: 'terminated', version: p.version } });
    expect(noReason.statusCode).toBe(400);
    const ok = await t.call('POST', `/api/projects/${p.id}/stage`, { cookie: officer, body: { to: 'terminated', terminationReason: '投资方撤回', version: p.version } });
    expect(ok.statusCode).toBe(200);
    const again = await t.call('POST', `/api/projects/${p.id}/stage`, { cookie: officer, body: { to: 'lead', note: 'x', version: (ok.json() as Project).version } });
    expect(again.json()).toMatchObject({ error: { message: '已终止的项目不能再变更阶段' } });
  });

  it('computes lights with reasons, and the light filter in SQL agrees with them', async () => {
    const idle60 = (await create({ name: '黄灯项目' })).json() as Project;
    const idle90 = (await create({ name: '红灯项目' })).json() as Project;
    const overdue = (await create({ name: '问题超期项目' })).json() as Project;
    const today = todayInShanghai();
    const at = (days: number) => new Date(`${shiftDate(today, -days)}T12:00:00+08:00`).toISOString();
    await t.database.db.execute(sql`update projects set last_progress_at = ${at(60)} where id = ${idle60.id}`);
    await t.database.db.execute(sql`update projects set last_progress_at = ${at(90)} where id = ${idle90.id}`);
    const prob = await t.call('POST', `/api/projects/${overdue.id}/problems`, { cookie: officer, body: { description: '用地指标未落实', ownerName: '自然资源局', dueDate: shiftDate(today, -1) } });
    expect(prob.statusCode).toBe(201);
    expect(prob.json()).toMatchObject({ overdue: true, status: 'open' });

    const get = async (id: string) => (await t.call('GET', `/api/projects/${id}`, { cookie: officer })).json() as Project;
    expect(await get(idle60.id)).toMatchObject({ light: 'yellow', lightReasons: ['已 60 天无进展（≥ 60 天为黄灯）'] });
    expect(await get(idle90.id)).toMatchObject({ light: 'red', lightReasons: ['已 90 天无进展（≥ 90 天为红灯）'] });
    expect((await get(overdue.id)).light).toBe('red');

    for (const light of ['red', 'yellow', 'green'] as const) {
      const page = (await t.call('GET', `/api/projects?light=${light}&pageSize=500`, { cookie: officer })).json() as { items: Project[] };
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((p) => p.light === light)).toBe(true);
    }
    const reds = (await t.call('GET', '/api/projects?light=red&pageSize=500', { cookie: officer })).json() as { items: Project[] };
    expect(reds.items.map((p) => p.id).sort()).toEqual([idle90.id, overdue.id].sort());
  });

  it('keeps one receipt per month, corrects with a reason, and lets only another statistician verify', async () => {
    const p = (await create({ name: '到位资金项目' })).json() as Project;
    const url = `/api/projects/${p.id}/receipts`;
    const first = await t.call('POST', url, { cookie: stat, body: { month: '2026-03', amountYuan: 12_345_678 } });
    expect(first.statusCode).toBe(201);
    const receipt = first.json() as { id: string; version: number; amountYuan: number };
    expect(receipt.amountYuan).toBe(12_345_678);
    expect((await t.call('POST', url, { cookie: stat, body: { month: '2026-03', amountYuan: 1 } })).statusCode).toBe(409);
    expect((await t.call('POST', url, { cookie: stat, body: { month: '2026-04', amountYuan: -1 } })).statusCode).toBe(400);
    const future = await t.call('POST', url, { cookie: stat, body: { month: '2099-01', amountYuan: 1 } });
    expect(future.json()).toMatchObject({ error: { details: [{ field: 'month' }] } });
    expect((await t.call('POST', url, { cookie: officer, body: { month: '2026-05', amountYuan: 1 } })).statusCode).toBe(403);

    const self = await t.call('POST', `/api/receipts/${receipt.id}/verify`, { cookie: stat, body: { version: receipt.version } });
    expect(self.statusCode).toBe(403);
    const verified = await t.call('POST', `/api/receipts/${receipt.id}/verify`, { cookie: stat2, body: { version: receipt.version } });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ verifiedAt: expect.any(String) });

    const noReason = await t.call('PATCH', `/api/receipts/${receipt.id}`, { cookie: stat, body: { amountYuan: 10_000_000, version: 2 } });
    expect(noReason.statusCode).toBe(400);
    const corrected = await t.call('PATCH', `/api/receipts/${receipt.id}`, { cookie: stat, body: { amountYuan: 10_000_000, reason: '银行回单金额有误', version: 2 } });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json()).toMatchObject({ amountYuan: 10_000_000, verifiedAt: null });
    expect(((await t.call('GET', `/api/projects/${p.id}`, { cookie: officer })).json() as Project).fundsTotalYuan).toBe(10_000_000);

    const history = (await t.call('GET', `/api/projects/${p.id}/history`, { cookie: officer })).json() as { items: { action: string; reason: string | null; before: unknown; after: unknown }[] };
    const correction = history.items.find((h) => h.action === 'funds.correct');
    expect(correction).toMatchObject({ reason: '银行回单金额有误', before: { amountYuan: 12_345_678 }, after: { amountYuan: 10_000_000 } });
    expect((await t.call('DELETE', `/api/receipts/${receipt.id}`, { cookie: stat, body: { reason: '重复录入' } })).statusCode).toBe(204);
  });

  it('counts service items in working days across the National Day holiday and sums them per sub-region', async () => {
    const p = (await create({ name: '帮办项目' })).json() as Project;
    const res = await t.call('POST', `/api/projects/${p.id}/service-items`, {
      cookie: officer,
      body: { type: 'environmentalReview', title: '环评批复', requester: '项目单位', handlerName: '生态环境局', openedOn: '2026-09-30', workingDays: 5 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json() as { id: string; dueOn: string; overdue: boolean; elapsedWorkingDays: number; version: number };
    expect(item.dueOn).toBe('2026-10-13');
    expect(item.overdue).toBe(todayInShanghai() > '2026-10-13');
    const closed = await t.call('PATCH', `/api/service-items/${item.id}`, { cookie: officer, body: { status: 'closed', closedOn: '2026-10-12', version: item.version } });
    expect(closed.json()).toMatchObject({ status: 'closed', elapsedWorkingDays: 4, remainingWorkingDays: 1, overdue: false });
    const summary = (await t.call('GET', '/api/service-items/summary?regionCode=650100', { cookie: (await t.login('pl_leader')) })).json() as { items: { code: string; closed: number }[] };
    expect(summary.items.find((r) => r.code === '650109')?.closed).toBeGreaterThanOrEqual(1);
    expect(summary.items.find((r) => r.code === '650102')?.closed).toBe(0);
    // items of projects held by the county itself show in a row of their own when the county is summarised
    const county = (await t.call('GET', '/api/service-items/summary?regionCode=650109', { cookie: officer })).json() as { items: { code: string; name: string; closed: number }[] };
    expect(county.items[0]).toMatchObject({ code: '650109', name: '米东区（本级）' });
    expect(county.items[0]?.closed).toBeGreaterThanOrEqual(1);
  });

  it('shows a leader the projects they lead under 我的项目, and hides them from the sibling county', async () => {
    const p = (await create({ name: '包联项目', leaderId, isKey: true })).json() as Project;
    const leader = await t.login('pl_leader');
    const mine = (await t.call('GET', '/api/projects?mine=true', { cookie: leader })).json() as { items: Project[] };
    expect(mine.items.map((i) => i.id)).toEqual([p.id]);
    expect((await t.call('GET', `/api/projects/${p.id}`, { cookie: sibling })).statusCode).toBe(404);
    const siblingList = (await t.call('GET', '/api/projects?pageSize=500', { cookie: sibling })).json() as { total: number };
    expect(siblingList.total).toBe(0);
  });

  it('applies "proof before it counts": a stage needing evidence, and receipts that count only verified and proven', async () => {
    await t.createAccount('pl_sys', ['sysadmin'], '650100');
    const sys = await t.login('pl_sys');
    const policy = { stagesNeedingEvidence: ['signed'], receiptNeedsEvidence: true, receiptNeedsVerification: true, reason: '先证后计' };
    expect((await t.call('PUT', '/api/settings/evidence-policy', { cookie: sys, body: policy })).statusCode).toBe(200);
    try {
      const p = (await create({ name: '先证后计项目', investorName: '某公司', likelihood: 'medium', expectedLandingDate: '2027-01-31', signedDate: '2026-10-10', signedAmountYuan: 50_000_000 })).json() as Project;
      const noProof = await t.call('POST', `/api/projects/${p.id}/stage`, { cookie: officer, body: { to: 'signed', version: p.version } });
      expect(noProof.statusCode).toBe(400);
      expect(noProof.json()).toMatchObject({ error: { details: [{ field: 'evidenceIds' }] } });
      const pdf = Buffer.from('%PDF-1.4 contract').toString('base64');
      const up = await t.call('POST', `/api/projects/${p.id}/evidence`, { cookie: officer, body: { kind: 'contract', fileName: '投资协议.pdf', contentBase64: pdf } });
      expect(up.statusCode, up.body).toBe(201);
      const evidenceId = (up.json() as { id: string }).id;
      const signed = await t.call('POST', `/api/projects/${p.id}/stage`, { cookie: officer, body: { to: 'signed', evidenceIds: [evidenceId], version: p.version } });
      expect(signed.statusCode, signed.body).toBe(200);
      const notPdf = await t.call('POST', `/api/projects/${p.id}/evidence`, { cookie: officer, body: { kind: 'other', fileName: 'x.exe', contentBase64: Buffer.from('MZ\x90').toString('base64') } });
      expect(notPdf.statusCode).toBe(400);

      const r = (await t.call('POST', `/api/projects/${p.id}/receipts`, { cookie: stat, body: { month: '2026-10', amountYuan: 1_000_000 } })).json() as { id: string; version: number };
      const list = async () => ((await t.call('GET', `/api/projects/${p.id}/receipts`, { cookie: officer })).json() as { items: { counts: boolean; countsWhy: string | null }[] }).items[0];
      expect(await list()).toMatchObject({ counts: false, countsWhy: '未核实、缺少佐证材料' });
      await t.call('POST', `/api/receipts/${r.id}/verify`, { cookie: stat2, body: { version: r.version } });
      expect(await list()).toMatchObject({ counts: false, countsWhy: '缺少佐证材料' });
      await t.call('POST', `/api/projects/${p.id}/evidence`, { cookie: stat, body: { kind: 'bankReceipt', fileName: '回单.pdf', contentBase64: pdf, fundReceiptId: r.id } });
      expect(await list()).toMatchObject({ counts: true, countsWhy: null });
      const download = await t.call('GET', `/api/evidence/${evidenceId}/download`, { cookie: officer });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.rawPayload.toString()).toBe('%PDF-1.4 contract');
    } finally {
      await t.call('PUT', '/api/settings/evidence-policy', { cookie: sys, body: { stagesNeedingEvidence: [], receiptNeedsEvidence: false, receiptNeedsVerification: false, reason: '恢复' } });
    }
  });

  it('moves a service item due day by a holiday entered for a year the official data does not cover', async () => {
    await t.createAccount('pl_sys2', ['sysadmin'], '650100');
    const sys = await t.login('pl_sys2');
    const cal = (await t.call('GET', '/api/calendar/overrides', { cookie: officer })).json() as { officialLastYear: number };
    expect(cal.officialLastYear).toBe(2026);
    expect((await t.call('PUT', '/api/calendar/overrides/2027-01-01', { cookie: sys, body: { kind: 'holiday', name: '元旦', reason: '国务院办公厅通知' } })).statusCode).toBe(200);
    const p = (await create({ name: '跨年帮办项目' })).json() as Project;
    // 2026-12-31 is a Thursday; 2027-01-01 (Fri) is now a holiday, so 1 working day later is Monday 2027-01-04
    const item = await t.call('POST', `/api/projects/${p.id}/service-items`, {
      cookie: officer,
      body: { type: 'other', title: '跨年事项', requester: '企业', handlerName: '办事员', openedOn: '2026-12-31', workingDays: 1 },
    });
    expect(item.json()).toMatchObject({ dueOn: '2027-01-04' });
  });

  it('offers colleagues up and down the region tree to assign, never administrators or the sibling county', async () => {
    await t.createAccount('pl_admin', ['sysadmin'], '650109');
    const res = await t.call('GET', '/api/colleagues', { cookie: officer });
    const names = (res.json() as { items: { username: string }[] }).items.map((i) => i.username);
    expect(names).toContain('pl_leader'); // the prefecture above
    expect(names).toContain('pl_stat'); // the same county
    expect(names).not.toContain('pl_sibling');
    expect(names).not.toContain('pl_admin');
    const leaders = (await t.call('GET', '/api/colleagues?role=leader', { cookie: officer })).json() as { items: { username: string }[] };
    expect(leaders.items.map((i) => i.username)).toEqual(['pl_leader']);
  });
});
