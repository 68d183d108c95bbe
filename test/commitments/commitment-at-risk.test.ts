/**
 * 逾期通报's 即将到期 (at risk) section on the real database, with hand-set days (米东区 650109). Agreed clauses:
 * P due Monday 2026-11-02 with 10 working days of grace (deadline 11-16); Q due Friday 2026-11-20 with none;
 * W due 11-02 but waived. D is a draft due 11-02. Only P and Q can be at risk, and only on the right days.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemCaller } from '../../src/services/context';
import { listOverdueNotice } from '../../src/services/commitments/ledger';
import { renderCommitmentNoticeXlsx } from '../../src/exports/commitment-notice-xlsx';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

interface ClauseJson {
  id: string;
  version: number;
  status: string;
}

describe.each(DATABASE_KINDS)('即将到期 in the 通报 on %s', (kind) => {
  let t: TestApp;
  const system = createSystemCaller('test');
  const ids: Record<'p' | 'q' | 'w' | 'd', string> = { p: '', q: '', w: '', d: '' };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const userId = await t.createAccount('ar_off', ['officer'], '650109');
    await t.createAccount('ar_off2', ['officer'], '650109');
    const cookie = await t.login('ar_off');
    const reviewer = await t.login('ar_off2');
    const ok = async (c: string, url: string, body: unknown, status = 200) => {
      const res = await t.call('POST', url, { cookie: c, body });
      expect(res.statusCode, res.body).toBe(status);
      return res.json() as ClauseJson;
    };
    const project = await t.call('POST', '/api/projects', {
      cookie,
      body: { name: '即将到期测试项目', regionCode: '650109', stage: 'signed', investorName: '某新材料有限公司', source: 'outOfRegion', signedDate: '2026-01-10', signedAmountYuan: 30_000_000 },
    });
    expect(project.statusCode, project.body).toBe(201);
    const projectId = (project.json() as { id: string }).id;
    const add = (title: string, dueDate: string, graceWorkingDays: number) =>
      ok(cookie, `/api/projects/${projectId}/commitments`, { type: 'service', title, amountYuan: 100_000, trigger: { kind: 'date', dueDate }, graceWorkingDays, responsibleDepartment: '商务局', responsibleUserId: userId }, 201);
    const p = await add('条款P', '2026-11-02', 10);
    const q = await add('条款Q', '2026-11-20', 0);
    const w = await add('条款W', '2026-11-02', 10);
    const d = await add('条款D', '2026-11-02', 10);
    await ok(reviewer, `/api/commitments/${p.id}/agree`, { version: p.version });
    await ok(reviewer, `/api/commitments/${q.id}/agree`, { version: q.version });
    const wa = await ok(reviewer, `/api/commitments/${w.id}/agree`, { version: w.version });
    await ok(cookie, `/api/commitments/${w.id}/status`, { action: 'waive', reason: '项目调整，双方同意不再兑现', version: wa.version });
    Object.assign(ids, { p: p.id, q: q.id, w: w.id, d: d.id });
  });
  afterAll(() => t.close());

  const atRiskOn = async (today: string) => {
    const notice = await listOverdueNotice(t.deps, system, '650109', today);
    return { notice, atRisk: notice.atRisk.map((r) => [r.id, r.status, r.workingDaysLeft]), overdue: notice.items.map((r) => r.id) };
  };

  it('lists nothing eleven working days before the first due date', async () => {
    // Friday 10-16 + 10 working days = 10-30: P (due 11-02) is beyond the look-ahead
    expect((await atRiskOn('2026-10-16')).atRisk).toEqual([]);
  });

  it('lists P from ten working days before its due date, counting down to its deadline', async () => {
    // Monday 10-19 + 10 working days = 11-02; P's deadline 11-16 is 20 working days on; Q (11-20) is beyond
    const { notice, atRisk } = await atRiskOn('2026-10-19');
    expect(atRisk).toEqual([[ids.p, 'pending', 20]]);
    expect(notice.atRiskWorkingDays).toBe(10);
    expect(notice.atRisk[0]).toMatchObject({ dueDate: '2026-11-02', deadline: '2026-11-16', outstandingYuan: 100_000, title: '条款P' });
  });

  it('adds Q once its due date is within ten working days, nearest deadline first', async () => {
    // Thursday 11-05 + 10 = 11-19: Q (11-20) not yet; P in grace, 7 left (11-06 1, 11-09…13 6, 11-16 7)
    expect((await atRiskOn('2026-11-05')).atRisk).toEqual([[ids.p, 'due', 7]]);
    // Friday 11-06 + 10 = 11-20: Q joins with 10 left (11-09…13 5, 11-16…20 10); P has 6
    expect((await atRiskOn('2026-11-06')).atRisk).toEqual([
      [ids.p, 'due', 6],
      [ids.q, 'pending', 10],
    ]);
  });

  it('moves P to the overdue list the day after its deadline', async () => {
    const last = await atRiskOn('2026-11-16');
    expect(last.atRisk[0]).toEqual([ids.p, 'due', 0]);
    expect(last.overdue).toEqual([]);
    const after = await atRiskOn('2026-11-17');
    expect(after.overdue).toEqual([ids.p]);
    // Q: 11-18, 11-19, 11-20
    expect(after.atRisk).toEqual([[ids.q, 'pending', 3]]);
  });

  it('never lists the waived clause or the draft', async () => {
    for (const day of ['2026-10-19', '2026-11-06', '2026-11-16']) {
      const { atRisk } = await atRiskOn(day);
      expect(atRisk.map((r) => r[0])).not.toContain(ids.w);
      expect(atRisk.map((r) => r[0])).not.toContain(ids.d);
    }
  });

  it('puts the at-risk clauses on their own xlsx sheet', async () => {
    const { notice } = await atRiskOn('2026-11-06');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderCommitmentNoticeXlsx(notice)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('即将到期');
    if (!ws) throw new Error('no 即将到期 sheet');
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toContain('剩余工作日');
    expect(rows.slice(1, 3).map((r) => [r[6], r[7], r[12]])).toEqual([
      ['条款P', '已到期', 6],
      ['条款Q', '待兑现', 10],
    ]);
    expect(String(rows[3]?.[0])).toContain('10 个工作日内');
  });
});
