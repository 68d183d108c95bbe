/**
 * 简报 (issue 13 item 5) against a small hand-made ledger of 乌鲁木齐市 (650100) with counties 米东区
 * (650109) and 天山区 (650102); 昌吉州 (652300) lies outside. The week is Monday 2026-11-23 to Sunday
 * 2026-11-29 in Asia/Shanghai, the week before 2026-11-16 to 2026-11-22. Every figure is computed by
 * hand in the comments. Then the schedule (one draft per region, idempotent), editing with versions,
 * issue and revision, the docx and PDF, the figure records, and the scope.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIEFING_KIND_KEYS } from '../../src/contracts/briefings';
import { BRIEFING_KINDS, formatPeriod, listDueKinds, periodContaining, periodReportedOn, previousPeriod } from '../../src/domain/briefings/briefing-periods';
import { createActivity } from '../../src/services/activities/activities';
import { generateDueBriefings } from '../../src/services/briefings/generate-briefings';
import { createSystemCaller } from '../../src/services/context';
import { addReceipt } from '../../src/services/funds/funds';
import { addProblem } from '../../src/services/projects/problems';
import { createProject } from '../../src/services/projects/projects';
import { readEntryText } from '../../src/imports/xlsx-parts';
import { readZipDirectory } from '../../src/imports/file-guard';
import { resolveCjkFont } from '../../src/documents/cjk-font';
import { gatherNoticeData } from '../../src/documents/notice-data';
import { noticeParagraphs } from '../../src/documents/notice-pdf';
import { selectRows } from '../../src/db/queries/sql-rows';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';
import type { Briefing } from '../../src/contracts/briefings';

describe('briefing periods (Asia/Shanghai calendar days)', () => {
  it('knows weeks, 旬 and months, the period before, and what a day has due', () => {
    expect(BRIEFING_KIND_KEYS).toEqual(BRIEFING_KINDS);
    expect(periodContaining('weekly', '2026-11-29')).toEqual({ start: '2026-11-23', end: '2026-11-29' }); // a Sunday
    expect(periodContaining('weekly', '2026-11-23')).toEqual({ start: '2026-11-23', end: '2026-11-29' }); // a Monday
    expect(periodContaining('weekly', '2026-01-01')).toEqual({ start: '2025-12-29', end: '2026-01-04' });
    expect(periodContaining('dispatch', '2026-02-21')).toEqual({ start: '2026-02-21', end: '2026-02-28' });
    expect(periodContaining('dispatch', '2026-02-10')).toEqual({ start: '2026-02-01', end: '2026-02-10' });
    expect(periodContaining('dispatch', '2026-02-11')).toEqual({ start: '2026-02-11', end: '2026-02-20' });
    expect(periodContaining('monthly', '2024-02-15')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(previousPeriod('dispatch', { start: '2026-03-01', end: '2026-03-10' })).toEqual({ start: '2026-02-21', end: '2026-02-28' });
    expect(periodReportedOn('weekly', '2026-11-30')).toEqual({ start: '2026-11-23', end: '2026-11-29' });
    expect(periodReportedOn('dispatch', '2026-12-01')).toEqual({ start: '2026-11-21', end: '2026-11-30' });
    expect(listDueKinds('2026-11-30')).toEqual(['weekly']); // Monday
    expect(listDueKinds('2026-12-01')).toEqual(['dispatch', 'monthly']); // Tuesday the 1st
    expect(listDueKinds('2026-12-21')).toEqual(['weekly', 'dispatch']); // Monday the 21st
    expect(listDueKinds('2026-12-22')).toEqual([]);
    expect(formatPeriod('weekly', { start: '2025-12-29', end: '2026-01-04' })).toBe('2025年12月29日至2026年1月4日');
    expect(formatPeriod('dispatch', { start: '2026-11-21', end: '2026-11-30' })).toBe('2026年11月下旬（21日至30日）');
  });
});

describe.each(DATABASE_KINDS)('briefings on %s', (kind) => {
  let t: TestApp;
  let officer: string; // 乌鲁木齐市 officer: generates and edits
  let leader: string; // 乌鲁木齐市 leader: issues
  let tianshan: string; // 天山区 leader
  const system = createSystemCaller('test');
  const ids: Record<string, string> = {};

  async function activity(code: string, type: 'trip' | 'visit' | 'promotion' | 'signing', regionCode: string, day: string) {
    const a = await createActivity(t.deps, system, { code, type, name: `活动${code}`, startDate: day, endDate: day, regionCode, hosting: type === 'promotion' || type === 'signing' ? 'organised' : null });
    ids[code] = a.id;
  }
  async function project(code: string, regionCode: string, extra: Record<string, unknown> = {}) {
    const p = await createProject(t.deps, system, { code, name: `项目${code}`, regionCode, ...extra });
    ids[code] = p.id;
    return p;
  }
  const exec = (statement: ReturnType<typeof sql>) => t.database.db.execute(statement);

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('br_officer', ['officer'], '650100');
    await t.createAccount('br_leader', ['leader'], '650100');
    await t.createAccount('br_county', ['leader'], '650109');
    await t.createAccount('br_tianshan', ['leader'], '650102');
    await t.createAccount('br_sysadmin', ['sysadmin'], '652300'); // no reader: 昌吉州 gets no scheduled briefing
    officer = await t.login('br_officer');
    leader = await t.login('br_leader');
    tianshan = await t.login('br_tianshan');

    // activities: the week (23–29), the week before (16–22), the next Monday, and 昌吉州
    await activity('T1', 'trip', '650109', '2026-11-23');
    await activity('T2', 'trip', '650102', '2026-11-29');
    await activity('T3', 'trip', '650109', '2026-11-22');
    await activity('T4', 'trip', '650109', '2026-11-30');
    await activity('V1', 'visit', '650109', '2026-11-25');
    await activity('V2', 'visit', '650109', '2026-11-18');
    await activity('V3', 'visit', '650102', '2026-11-19');
    await activity('E1', 'promotion', '650100', '2026-11-26');
    await activity('S1', 'signing', '650100', '2026-11-27');
    await activity('X1', 'trip', '652300', '2026-11-24');

    // projects; every creation row of the stage history is moved to its day (Shanghai 00:30 = UTC 16:30 the day before)
    await project('BP1', '650109'); // lead, created Mon 2026-11-23 00:30 Shanghai: in the week
    await project('BP2', '650102'); // lead, created Sun 2026-11-22 23:59 Shanghai: the week before
    await project('BP3', '650109', { stage: 'signed', investorName: '某光伏公司', signedDate: '2026-11-25', signedAmountYuan: 50_000_000, isKey: true }); // signed in the week
    await project('BP4', '650109');
    await project('BP5', '650109', { isKey: true }); // red: an open problem past its due date
    await project('BPX', '652300', { stage: 'signed', investorName: '某硅业公司', signedDate: '2026-11-25', signedAmountYuan: 90_000_000 }); // outside
    await exec(sql`update project_stage_history set changed_at = '2026-01-01T00:00:00Z' where from_stage is null`);
    await exec(sql`update project_stage_history set changed_at = '2026-11-22T16:30:00Z' where project_id = ${ids.BP1} and from_stage is null`);
    await exec(sql`update project_stage_history set changed_at = '2026-11-22T15:59:00Z' where project_id = ${ids.BP2} and from_stage is null`);
    // BP3 changed stage twice in the week (one project, counted once, reaching 签约); BP4 at Mon 2026-11-30 00:30 Shanghai (next week)
    await exec(sql`insert into project_stage_history (project_id, from_stage, to_stage, changed_by_name, changed_at) values
      (${ids.BP3}, 'lead', 'negotiating', 't', '2026-11-24T02:00:00Z'), (${ids.BP3}, 'negotiating', 'signed', 't', '2026-11-25T02:00:00Z'),
      (${ids.BP4}, 'lead', 'negotiating', 't', '2026-11-29T16:30:00Z')`);
    // funds: BP3 1000万 entered in the week, BP1 200万 entered the week before, both for 2026-11
    await addReceipt(t.deps, system, ids.BP3!, { month: '2026-11', amountYuan: 10_000_000 });
    await addReceipt(t.deps, system, ids.BP1!, { month: '2026-11', amountYuan: 2_000_000 });
    await exec(sql`update fund_receipts set entered_at = '2026-11-24T03:00:00Z' where project_id = ${ids.BP3}`);
    await exec(sql`update fund_receipts set entered_at = '2026-11-20T03:00:00Z' where project_id = ${ids.BP1}`);
    await addProblem(t.deps, system, ids.BP5!, { description: '用地指标未落实', ownerName: '王五', dueDate: '2026-11-01' });
  });
  afterAll(() => t.close());

  const generate = async (body: Record<string, unknown>, cookie = officer) => {
    const res = await t.call('POST', '/api/briefings/generate', { cookie, body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Briefing & { created: boolean };
  };
  const figure = (b: Briefing, key: string) => {
    const f = b.figures.find((x) => x.key === key);
    if (!f) throw new Error(`no figure ${key}`);
    return f;
  };

  it('the Monday schedule creates one weekly draft per region with readers, and a re-run creates none', async () => {
    // Monday 2026-11-23 08:00 Shanghai reports the week 16–22
    const run = await generateDueBriefings(t.deps, new Date('2026-11-23T00:00:00Z'));
    expect(run.kinds).toEqual(['weekly']);
    expect(run.created.map((c) => c.regionCode).sort()).toEqual(['650100', '650102', '650109']);
    expect(run.created.every((c) => c.periodStart === '2026-11-16')).toBe(true);
    const again = await generateDueBriefings(t.deps, new Date('2026-11-23T05:00:00Z'));
    expect(again.created).toEqual([]);
    expect(again.skipped).toBe(3);
    const list = await t.call('GET', '/api/briefings?kind=weekly', { cookie: officer });
    expect(list.json().total).toBe(3);
    const urumqi = list.json().items.find((i: { regionCode: string }) => i.regionCode === '650100');
    expect(urumqi).toMatchObject({ status: 'draft', generatedByName: '系统（定时生成）', periodLabel: '2026年11月16日至11月22日' });
  });

  let weekly: Briefing;
  it('counts the week by hand: activities by type, leads, signings, stage changes, funds, red lights, each against the week before', async () => {
    const generated = await generate({ regionCode: '650100', kind: 'weekly', date: '2026-11-25' });
    expect(generated.created).toBe(true);
    weekly = generated;
    expect(weekly.periodStart).toBe('2026-11-23');
    expect(weekly.periodEnd).toBe('2026-11-29');
    const row = (key: string) => {
      const f = figure(weekly, key);
      return [f.value, f.previous, f.change];
    };
    expect(row('activities.trip')).toEqual([2, 1, 1]); // T1, T2 (Sunday) vs T3; T4 next Monday and X1 (昌吉州) out
    expect(row('activities.visit')).toEqual([1, 2, -1]); // V1 vs V2, V3
    expect(row('activities.reception')).toEqual([0, 0, 0]);
    expect(row('activities.event')).toEqual([1, 0, 1]); // E1
    expect(row('activities.signing')).toEqual([1, 0, 1]); // S1
    expect(row('projects.newLeads')).toEqual([1, 1, 0]); // BP1 (Mon 00:30) vs BP2 (Sun 23:59)
    expect(row('projects.signed')).toEqual([1, 0, 1]); // BP3; BPX outside
    expect(row('projects.signedAmount')).toEqual([50_000_000, 0, 50_000_000]);
    expect(row('projects.stageChanged')).toEqual([1, 0, 1]); // BP3 once (two changes); BP4 next week
    expect(row('funds.entered')).toEqual([10_000_000, 2_000_000, 8_000_000]);
    expect(row('funds.month')).toEqual([12_000_000, 12_000_000, 0]); // November for both weeks
    expect(row('lights.red')).toEqual([1, 1, 0]); // BP5; the week before from the scheduled briefing's snapshot
    expect(figure(weekly, 'activities.trip').ids.sort()).toEqual([ids.T1, ids.T2].sort());
    expect(figure(weekly, 'projects.stageChanged').ids).toEqual([ids.BP3]);
    expect(figure(weekly, 'funds.month').ids.sort()).toEqual([ids.BP1, ids.BP3].sort());
    expect(weekly.stageReached).toEqual([{ stage: 'signed', count: 1 }]);
    expect(weekly.redProjects).toEqual([expect.objectContaining({ code: 'BP5', reasons: ['1 个问题已超期未解决（最早应于 2026-11-01 解决）'] })]);
    const text = Object.fromEntries(weekly.sections.map((s) => [s.key, s.text]));
    expect(text.activities).toBe('本周共开展外出招商2批次，较上周增加1批次；上门拜访1批次，较上周减少1批次；推介洽谈活动1场，较上周增加1场；签约仪式1场，较上周增加1场。');
    expect(text.projects).toContain('本周新增线索项目1个，与上周持平；新签约项目1个，较上周增加1个，签约额5000万元，较上周增加5000万元；1个项目阶段发生变化，其中推进至签约1个');
    expect(text.funds).toBe('本周新录入到位资金1000万元，涉及项目1个，较上周增加800万元；11月到位资金累计1200万元，涉及项目2个。');
    expect(text.lights).toContain('红灯项目1个，与上周持平：项目BP5（米东区，');
  });

  it('a county sees its own subtree only: 米东区 has its own figures', async () => {
    const county = await t.login('br_county');
    const b = await generate({ regionCode: '650109', kind: 'weekly', date: '2026-11-23' }, county);
    expect(figure(b, 'activities.trip').value).toBe(1); // T1 only (T2 is 天山区)
    expect(figure(b, 'activities.event').value).toBe(0); // E1 is the city's own
  });

  it('edits text with the version it was based on: a stale version answers 409 and saves nothing', async () => {
    const res = await t.call('PATCH', `/api/briefings/${weekly.id}`, { cookie: officer, body: { version: weekly.version, sections: [{ key: 'next', text: '下周赴上海、苏州开展招商。' }] } });
    expect(res.statusCode, res.body).toBe(200);
    const edited = res.json() as Briefing;
    expect(edited.sections.find((s) => s.key === 'next')).toMatchObject({ text: '下周赴上海、苏州开展招商。', edited: true });
    const stale = await t.call('PATCH', `/api/briefings/${weekly.id}`, { cookie: officer, body: { version: weekly.version, sections: [{ key: 'next', text: '覆盖' }] } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('已被他人修改');
    const unknown = await t.call('PATCH', `/api/briefings/${weekly.id}`, { cookie: officer, body: { version: edited.version, sections: [{ key: 'nope', text: 'x' }] } });
    expect(unknown.statusCode).toBe(400);
    // regenerating refreshes the figures and keeps the edited section
    const again = await generate({ regionCode: '650100', kind: 'weekly', date: '2026-11-29' });
    expect(again.created).toBe(false);
    expect(again.sections.find((s) => s.key === 'next')?.text).toBe('下周赴上海、苏州开展招商。');
    weekly = again;
    const audit = await t.database.db.execute(sql`select action from audit_log where object_type = 'briefing' and object_id = ${weekly.id} order by id`);
    expect((audit as unknown as { rows: { action: string }[] }).rows.map((r) => r.action)).toEqual(['briefing.generate', 'briefing.update', 'briefing.generate']);
  });

  it('an officer may not issue; a leader issues 第1期, after which the briefing cannot change until revised', async () => {
    expect((await t.call('POST', `/api/briefings/${weekly.id}/issue`, { cookie: officer, body: { version: weekly.version } })).statusCode).toBe(403);
    const res = await t.call('POST', `/api/briefings/${weekly.id}/issue`, { cookie: leader, body: { version: weekly.version } });
    expect(res.statusCode, res.body).toBe(200);
    const issued = res.json() as Briefing;
    expect(issued).toMatchObject({ status: 'issued', issueNumber: 1, edition: 1, issuedByName: 'br_leader' });
    expect(issued.editions).toEqual([expect.objectContaining({ edition: 1, issueNumber: 1 })]);
    const edit = await t.call('PATCH', `/api/briefings/${weekly.id}`, { cookie: officer, body: { version: issued.version, sections: [{ key: 'next', text: '改' }] } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toContain('已签发');
    const regenerate = await t.call('POST', '/api/briefings/generate', { cookie: officer, body: { regionCode: '650100', kind: 'weekly', date: '2026-11-25' } });
    expect(regenerate.statusCode).toBe(409);
    // the database itself refuses to change an issued edition
    await expect(t.database.db.execute(sql`update briefing_editions set sections = '[]'::jsonb where briefing_id = ${weekly.id}`)).rejects.toThrow();

    const revised = await t.call('POST', `/api/briefings/${weekly.id}/revise`, { cookie: leader, body: { version: issued.version, reason: '补充下周工作安排' } });
    expect(revised.statusCode, revised.body).toBe(200);
    const draft2 = revised.json() as Briefing;
    expect(draft2).toMatchObject({ status: 'draft', edition: 2, issueNumber: 1, revisionReason: '补充下周工作安排' });
    const patched = (await t.call('PATCH', `/api/briefings/${weekly.id}`, { cookie: officer, body: { version: draft2.version, sections: [{ key: 'next', text: '下周赴上海、苏州、杭州开展招商。' }] } })).json() as Briefing;
    const second = (await t.call('POST', `/api/briefings/${weekly.id}/issue`, { cookie: leader, body: { version: patched.version } })).json() as Briefing;
    expect(second).toMatchObject({ status: 'issued', edition: 2, issueNumber: 1 });
    expect(second.editions.map((e) => e.edition)).toEqual([2, 1]);
    const first = (await t.call('GET', `/api/briefings/${weekly.id}?edition=1`, { cookie: officer })).json() as Briefing;
    expect(first.sections.find((s) => s.key === 'next')?.text).toBe('下周赴上海、苏州开展招商。');
    weekly = second;
  });

  it('downloads the docx with the figures and the edited text (parsed), of the current and of an old edition', async () => {
    const res = await t.call('GET', `/api/briefings/${weekly.id}/document.docx`, { cookie: officer });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('乌鲁木齐市每周招商工作简报第1期');
    const xml = readDocx(res.rawPayload);
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('乌鲁木齐市每周招商工作简报');
    expect(text).toContain('第1期');
    expect(text).toContain('本周共开展外出招商2批次，较上周增加1批次');
    expect(text).toContain('下周赴上海、苏州、杭州开展招商。');
    expect(text).toContain('第2版（修订原因：补充下周工作安排）');
    // the figures table: 签约额 5,000.00 万元, +5,000.00
    expect(xml).toMatch(/签约额<\/w:t>.*?万元<\/w:t>.*?5,000\.00<\/w:t>.*?0\.00<\/w:t>.*?\+5,000\.00<\/w:t>/);
    const old = await t.call('GET', `/api/briefings/${weekly.id}/document.docx?edition=1`, { cookie: officer });
    expect(readDocx(old.rawPayload).replace(/<[^>]+>/g, '')).toContain('下周赴上海、苏州开展招商。');
    expect((await t.call('GET', `/api/briefings/${weekly.id}/document.docx?edition=7`, { cookie: officer })).statusCode).toBe(404);
  });

  it('renders the PDF with the CJK font, or says clearly that no font is installed', async () => {
    let fontInstalled = true;
    try {
      resolveCjkFont();
    } catch {
      fontInstalled = false;
    }
    const res = await t.call('GET', `/api/briefings/${weekly.id}/document.pdf`, { cookie: officer });
    if (!fontInstalled) {
      expect(res.statusCode).toBe(409);
      return;
    }
    expect(res.statusCode, res.body).toBe(200);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.length).toBeGreaterThan(10_000); // the subset font is embedded
  });

  it('lists the records a figure counts', async () => {
    const res = await t.call('GET', `/api/briefings/${weekly.id}/records?figure=activities.trip`, { cookie: officer });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: { code: string }) => i.code)).toEqual(['T1', 'T2']);
    const projects = await t.call('GET', `/api/briefings/${weekly.id}/records?figure=projects.signed`, { cookie: officer });
    expect(projects.json().items).toEqual([expect.objectContaining({ kind: 'project', code: 'BP3', regionName: '米东区', detail: '签约' })]);
    expect((await t.call('GET', `/api/briefings/${weekly.id}/records?figure=nope`, { cookie: officer })).statusCode).toBe(404);
  });

  it("another county's briefing answers 404 and the refusal is audited", async () => {
    const res = await t.call('GET', `/api/briefings/${weekly.id}`, { cookie: tianshan });
    expect(res.statusCode).toBe(404);
    const audit = await t.database.db.execute(sql`select outcome from audit_log where action = 'access.denied' and object_type = 'briefing' and object_id = ${weekly.id}`);
    expect((audit as unknown as { rows: unknown[] }).rows).toHaveLength(1);
    const list = (await t.call('GET', '/api/briefings', { cookie: tianshan })).json();
    expect(list.items.every((i: { regionCode: string }) => i.regionCode === '650102')).toBe(true);
  });

  it('the 旬调度 groups the key projects per responsible leader with their problems', async () => {
    const b = await generate({ regionCode: '650100', kind: 'dispatch', date: '2026-11-25' });
    expect(b.periodLabel).toBe('2026年11月下旬（21日至30日）');
    expect(figure(b, 'dispatch.keyProjects').value).toBe(2); // BP3, BP5
    expect(figure(b, 'dispatch.funds').value).toBe(10_000_000); // BP3's receipt entered 11-24
    expect(figure(b, 'dispatch.openProblems').value).toBe(1);
    expect(b.leaders).toEqual([
      expect.objectContaining({
        leaderId: null,
        leaderName: '未明确包联领导',
        projects: [expect.objectContaining({ code: 'BP3', stage: 'signed', fundsTotalYuan: 10_000_000 }), expect.objectContaining({ code: 'BP5', problems: [expect.objectContaining({ description: '用地指标未落实', overdue: true })] })],
      }),
    ]);
    expect(b.sections.map((s) => s.key)).toEqual(['overview', 'leader:none', 'requirements']);
    expect(b.sections[1]?.text).toContain('用地指标未落实（责任人王五，应于2026-11-01前解决，已逾期）');
  });

  it('adds the month’s activities to the monthly notice (月通报)', async () => {
    const data = await gatherNoticeData(t.deps, system, { kind: 'monthly', region: '650100', month: '2026-11' });
    // November: trips T1, T2, T3, T4 (人次 not recorded); visits V1–V3; E1 and S1 organised; X1 is 昌吉州's
    expect(noticeParagraphs(data)).toContain('招商活动方面，11 月当月全市开展外出招商 4 批次、0 人次；上门拜访 3 批次，对接单位 0 家；接待来访 0 批次；主办推介洽谈等活动 2 场，参加 0 场。');
  });

  it('refuses a period that has not started', async () => {
    const res = await t.call('POST', '/api/briefings/generate', { cookie: officer, body: { regionCode: '650100', kind: 'weekly', date: '2099-01-05' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('尚未开始');
  });

  it('numbers two briefings issued at the same moment 第N期 and 第N+1期, never the same number twice', async () => {
    const numbers = async () =>
      (await selectRows<{ n: number }>(t.database.db, sql`select issue_number as n from briefings where region_code = '650100' and kind = 'weekly' and issue_number is not null and period_start >= '2026-01-01' order by issue_number`)).map((r) => r.n);
    const before = await numbers();
    const top = Math.max(0, ...before);
    const drafts: Briefing[] = [];
    for (const date of ['2026-11-04', '2026-11-11']) {
      const res = await t.call('POST', '/api/briefings/generate', { cookie: officer, body: { regionCode: '650100', kind: 'weekly', date } });
      expect(res.statusCode, res.body).toBe(200);
      drafts.push(res.json() as Briefing);
    }
    // both at once: on PostgreSQL two connections number them in the same instant
    const issued = await Promise.all(drafts.map((d) => t.call('POST', `/api/briefings/${d.id}/issue`, { cookie: leader, body: { version: d.version } })));
    for (const res of issued) expect(res.statusCode, res.body).toBe(200);
    expect(issued.map((r) => (r.json() as Briefing).issueNumber).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([top + 1, top + 2]);
    expect(await numbers()).toEqual([...before, top + 1, top + 2]);
    // and the database itself refuses a number twice in a region, kind and year (briefings_issue_number_uq)
    const second = issued.map((r) => r.json() as Briefing).find((b) => b.issueNumber === top + 2);
    const refused = await t.database.db.execute(sql`update briefings set issue_number = ${top + 1} where id = ${second?.id}`).then(
      () => null,
      (err: unknown) => ((err as { cause?: unknown }).cause ?? err) as { code?: string; message?: string },
    );
    expect(refused?.code).toBe('23505');
    expect(refused?.message).toContain('briefings_issue_number_uq');
    // another year numbers from 第1期 again: a weekly briefing of 2025 may carry the number a 2026 one has
    const old = (await t.call('POST', '/api/briefings/generate', { cookie: officer, body: { regionCode: '650100', kind: 'weekly', date: '2025-06-04' } })).json() as Briefing;
    const oldIssued = (await t.call('POST', `/api/briefings/${old.id}/issue`, { cookie: leader, body: { version: old.version } })).json() as Briefing;
    expect(oldIssued.issueNumber).toBe(1);
  });
});

/** word/document.xml of a docx. */
function readDocx(buffer: Buffer): string {
  const entries = readZipDirectory(buffer, 'briefing.docx');
  const xml = readEntryText(buffer, entries, 'word/document.xml', 'briefing.docx');
  if (!xml) throw new Error('no word/document.xml');
  return xml;
}
