/**
 * 政策承诺 end to end on the real database (米东区 650109 under 乌鲁木齐市 650100; 天山区 650102 is the
 * sibling county): the fair-competition review gate, fulfilment with evidence (partly → fulfilled), a
 * trigger computed from funds in place, status changes with reasons and their history, region scope,
 * audit, the successor when a responsible person is disabled (or the refusal naming the clauses), the
 * ledger, the 通报 list, statistics and the overdue clock's escalation with hand-set dates.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInShanghai } from '../../src/domain/dates';
import { createSystemCaller } from '../../src/services/context';
import { addReceipt } from '../../src/services/funds/funds';
import { setUserStatus } from '../../src/services/accounts/users';
import { commitmentOverdueClock } from '../../src/services/notifications/clocks/commitment-overdue';
import { runNotificationClocks } from '../../src/services/notifications/run-clocks';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const PDF = Buffer.from('%PDF-1.4\n%test\n').toString('base64');
const at = (date: string) => new Date(`${date}T02:00:00Z`);
interface ClauseJson {
  id: string;
  status: string;
  version: number;
  dueDate: string | null;
  deadline: string | null;
  fulfilledYuan: number;
  fulfilledOn: string | null;
  responsibleUserId: string;
  reviewRequired: boolean;
  reviewSubmitted: { byName: string } | null;
  complaints: { investorName: string; excerpt: string }[];
  history: { event: string; fromStatus: string | null; toStatus: string | null; reason: string | null }[];
  obligations: { investmentYuan: { target: number | null; actual: number | null }; state: string | null };
}

describe.each(DATABASE_KINDS)('commitments on %s', (kind) => {
  let t: TestApp;
  const system = createSystemCaller('test');
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let projectId = '';
  let bareProjectId = '';
  let siblingProjectId = '';
  let a: ClauseJson;
  let b: ClauseJson;

  const call = async (who: string, method: string, url: string, body?: unknown) => t.call(method, url, { cookie: cookies[who], body });
  const ok = async (who: string, method: string, url: string, body: unknown, status = 200) => {
    const res = await call(who, method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as ClauseJson;
  };
  const clauseBody = (over: Record<string, unknown> = {}) => ({
    type: 'subsidy',
    title: '设备投资补贴',
    amountYuan: 1_000_000,
    selective: true,
    trigger: { kind: 'date', dueDate: '2026-11-02' },
    graceWorkingDays: 10,
    responsibleDepartment: '工信局',
    responsibleUserId: ids.off_midong,
    obligationInvestmentYuan: 4_000_000,
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const [name, roles, region] of [
      ['off_midong', ['officer'], '650109'],
      ['off2_midong', ['officer'], '650109'],
      ['off3_midong', ['officer'], '650109'],
      ['lead_midong', ['leader'], '650109'],
      ['lead2_midong', ['leader'], '650109'],
      ['off_city', ['officer'], '650100'],
      ['lead_city', ['leader'], '650100'],
      ['off_tianshan', ['officer'], '650102'],
    ] as const) {
      ids[name] = await t.createAccount(name, [...roles], region);
      cookies[name] = await t.login(name);
    }
    for (const [target, who, region, leader] of [
      ['project', 'off_midong', '650109', ids.lead_midong],
      ['bare', 'off_midong', '650109', null],
      ['sibling', 'off_tianshan', '650102', null],
    ] as const) {
      const res = await t.call('POST', '/api/projects', {
        cookie: cookies[who],
        body: { name: `承诺测试项目${target}`, regionCode: region, stage: 'signed', investorName: '某新材料有限公司', source: 'outOfRegion', signedDate: '2026-03-01', signedAmountYuan: 100_000_000, leaderId: leader },
      });
      expect(res.statusCode, res.body).toBe(201);
      const id = (res.json() as { id: string }).id;
      if (target === 'project') projectId = id;
      else if (target === 'bare') bareProjectId = id;
      else siblingProjectId = id;
    }
  });
  afterAll(() => t.close());

  it('records a selective subsidy as a draft needing review; it cannot be agreed until a review approves it', async () => {
    a = await ok('off_midong', 'POST', `/api/projects/${projectId}/commitments`, clauseBody(), 201);
    expect(a).toMatchObject({ status: 'pending', reviewRequired: true, dueDate: '2026-11-02', deadline: '2026-11-16' });
    const refused = await call('off_midong', 'POST', `/api/commitments/${a.id}/agree`, { version: a.version });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('公平竞争审查');
    // a decision needs a submission first
    const unsubmitted = await call('off2_midong', 'POST', `/api/commitments/${a.id}/review`, { decision: 'approved', note: '通过', version: a.version });
    expect(unsubmitted.statusCode).toBe(400);
    expect(unsubmitted.json().error.message).toContain('尚未提交公平竞争审查');
    a = await ok('off_midong', 'POST', `/api/commitments/${a.id}/review-submission`, { version: a.version });
    a = await ok('off2_midong', 'POST', `/api/commitments/${a.id}/review`, { decision: 'rejected', note: '排除限制竞争', version: a.version });
    expect((await call('off_midong', 'POST', `/api/commitments/${a.id}/agree`, { version: a.version })).statusCode).toBe(400);
    a = await ok('off3_midong', 'POST', `/api/commitments/${a.id}/review-submission`, { version: a.version });
    expect(a.reviewSubmitted).toMatchObject({ byName: expect.any(String) });
    // four eyes: neither who created the clause (off_midong) nor who submitted it (off3_midong) may approve it
    for (const [who, role] of [['off_midong', '新增了'], ['off3_midong', '提交审查了']] as const) {
      const self = await call(who, 'POST', `/api/commitments/${a.id}/review`, { decision: 'approved', note: '自己审自己', version: a.version });
      expect(self.statusCode, who).toBe(400);
      expect(self.json().error.message).toContain('四眼原则');
      expect(self.json().error.message).toContain(role);
    }
    a = await ok('off2_midong', 'POST', `/api/commitments/${a.id}/review`, { decision: 'approved', note: '有政策依据，审查通过', version: a.version });
    a = await ok('off_midong', 'POST', `/api/commitments/${a.id}/agree`, { version: a.version });
    // due 2026-11-02 with 10 working days of grace: overdue from 2026-11-17
    expect(a.status).toBe('overdue');
    // the database refuses an agreed clause needing review without an approval, whatever the code does
    await expect(t.database.db.execute(sql`update commitments set review_decision = 'rejected' where id = ${a.id}`)).rejects.toThrow();
  });

  it('keeps the clauses to their region: the sibling county sees nothing, a reader cannot change', async () => {
    expect((await call('off_tianshan', 'GET', `/api/projects/${projectId}/commitments`)).statusCode).toBe(404);
    expect((await call('off_tianshan', 'POST', `/api/commitments/${a.id}/status`, { action: 'dispute', reason: '试', version: a.version })).statusCode).toBe(404);
    expect((await call('lead_midong', 'POST', `/api/commitments/${a.id}/status`, { action: 'dispute', reason: '试', version: a.version })).statusCode).toBe(403);
    const list = (await call('lead_midong', 'GET', `/api/projects/${projectId}/commitments`)).json() as { items: ClauseJson[] };
    expect(list.items.map((c) => c.id)).toEqual([a.id]);
    // a responsible person must cover the project's region
    const res = await call('off_midong', 'POST', `/api/projects/${projectId}/commitments`, clauseBody({ responsibleUserId: ids.off_tianshan }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('责任人');
  });

  it('fulfils with evidence: 400 000 of 1 000 000 leaves it overdue, 600 000 more fulfils it on that day', async () => {
    const noEvidence = await call('off_midong', 'POST', `/api/commitments/${a.id}/fulfilments`, { fulfilledOn: '2026-11-20', amountYuan: 400_000 });
    expect(noEvidence.statusCode).toBe(400);
    a = await ok('off_midong', 'POST', `/api/commitments/${a.id}/fulfilments`, { fulfilledOn: '2026-11-20', amountYuan: 400_000, evidence: { fileName: '拨付凭证.pdf', contentBase64: PDF } }, 201);
    expect(a).toMatchObject({ status: 'overdue', fulfilledYuan: 400_000, fulfilledOn: null });
    const bad = await call('off_midong', 'POST', `/api/commitments/${a.id}/fulfilments`, { fulfilledOn: '2026-11-21', amountYuan: 1, evidence: { fileName: 'x.pdf', contentBase64: Buffer.from('not a pdf').toString('base64') } });
    expect(bad.statusCode).toBe(400);
    a = await ok('off_midong', 'POST', `/api/commitments/${a.id}/fulfilments`, { fulfilledOn: '2026-11-25', amountYuan: 600_000, evidence: { fileName: '拨付凭证2.pdf', contentBase64: PDF } }, 201);
    expect(a).toMatchObject({ status: 'fulfilled', fulfilledYuan: 1_000_000, fulfilledOn: '2026-11-25' });
    const evidence = (await call('off_midong', 'GET', `/api/projects/${projectId}/evidence`)).json() as { items?: { fileName: string }[] } | { fileName: string }[];
    const files = Array.isArray(evidence) ? evidence : (evidence.items ?? []);
    expect(files.map((f) => f.fileName).sort()).toEqual(['拨付凭证.pdf', '拨付凭证2.pdf']);
    expect(a.history.map((h) => h.event)).toEqual(['fulfil', 'fulfil', 'agree', 'review', 'reviewSubmit', 'review', 'reviewSubmit', 'create']);
    expect(a.history[0]).toMatchObject({ fromStatus: 'overdue', toStatus: 'fulfilled' });
    const audit = (await t.database.db.execute(sql`select action from audit_log where object_type = 'commitment' and object_id = ${a.id} and action like 'commitment.%' order by id`)) as unknown as { rows: { action: string }[] };
    expect(audit.rows.map((r) => r.action)).toEqual(['commitment.create', 'commitment.reviewSubmit', 'commitment.review', 'commitment.reviewSubmit', 'commitment.review', 'commitment.agree', 'commitment.fulfil', 'commitment.fulfil']);
    // the investor's investment actual is the funds in place (none yet)
    expect(a.obligations.investmentYuan).toEqual({ target: 4_000_000, actual: 0 });
    expect(a.obligations.state).toBe('unmet');
  });

  it('falls due when funds in place reach the trigger: 3 000 000 in 2026-09 and 2 000 000 in 2026-10 reach 5 000 000 in October', async () => {
    b = await ok('off_midong', 'POST', `/api/projects/${projectId}/commitments`, clauseBody({ type: 'service', title: '配套道路建设', amountYuan: null, selective: false, trigger: { kind: 'fundsReach', amountYuan: 5_000_000, daysAfter: 30 } }), 201);
    expect(b.reviewRequired).toBe(false);
    b = await ok('off_midong', 'POST', `/api/commitments/${b.id}/agree`, { version: b.version });
    expect(b).toMatchObject({ status: 'pending', dueDate: null });
    await addReceipt(t.deps, system, projectId, { month: '2026-09', amountYuan: 3_000_000 });
    b = ((await call('off_midong', 'GET', `/api/projects/${projectId}/commitments`)).json() as { items: ClauseJson[] }).items.find((c) => c.id === b.id) as ClauseJson;
    expect(b.dueDate).toBeNull();
    await addReceipt(t.deps, system, projectId, { month: '2026-10', amountYuan: 2_000_000 });
    b = ((await call('off_midong', 'GET', `/api/projects/${projectId}/commitments`)).json() as { items: ClauseJson[] }).items.find((c) => c.id === b.id) as ClauseJson;
    // 2026-10-31 + 30 days = 2026-11-30; + 10 working days = 2026-12-14
    expect(b).toMatchObject({ dueDate: '2026-11-30', deadline: '2026-12-14' });
    expect(b.status).toBe(todayInShanghai() <= '2026-12-14' ? 'due' : 'overdue');
    const aNow = ((await call('off_midong', 'GET', `/api/projects/${projectId}/commitments`)).json() as { items: ClauseJson[] }).items.find((c) => c.id === a.id) as ClauseJson;
    expect(aNow.obligations).toMatchObject({ investmentYuan: { target: 4_000_000, actual: 5_000_000 }, state: 'met' });
  });

  it('changes status by hand only along the allowed transitions, each with its reason in the history', async () => {
    const from = b.status;
    b = await ok('off_midong', 'POST', `/api/commitments/${b.id}/status`, { action: 'dispute', reason: '企业对道路标准有异议', version: b.version });
    expect(b.status).toBe('disputed');
    b = await ok('off_midong', 'POST', `/api/commitments/${b.id}/status`, { action: 'waive', reason: '企业书面放弃', version: b.version });
    expect(b.status).toBe('waived');
    expect((await call('off_midong', 'POST', `/api/commitments/${b.id}/fulfilments`, { fulfilledOn: '2026-12-01', complete: true, evidence: { fileName: 'a.pdf', contentBase64: PDF } })).statusCode).toBe(400);
    b = await ok('off_midong', 'POST', `/api/commitments/${b.id}/status`, { action: 'clear', reason: '企业撤回放弃', version: b.version });
    expect(b.status).toBe(from);
    expect(b.history.slice(0, 3).map((h) => [h.fromStatus, h.toStatus, h.reason])).toEqual([
      ['waived', from, '企业撤回放弃'],
      ['disputed', 'waived', '企业书面放弃'],
      [from, 'disputed', '企业对道路标准有异议'],
    ]);
    const refused = await call('off_midong', 'POST', `/api/commitments/${a.id}/status`, { action: 'dispute', reason: '试', version: a.version });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('已兑现');
    expect((await call('off_midong', 'POST', `/api/commitments/${b.id}/status`, { action: 'waive', reason: '', version: b.version })).statusCode).toBe(400);
    expect((await call('off_midong', 'DELETE', `/api/commitments/${b.id}`, { reason: '试' })).statusCode).toBe(400);
  });

  it('moves the open clauses of a disabled person to the project leader, else the region office head, else refuses naming them', async () => {
    const c = await ok('off_midong', 'POST', `/api/projects/${projectId}/commitments`, clauseBody({ type: 'land', title: '供地', selective: false, trigger: { kind: 'date', dueDate: '2027-06-30' }, responsibleUserId: ids.off2_midong }), 201);
    const d = await ok('off_midong', 'POST', `/api/projects/${bareProjectId}/commitments`, clauseBody({ type: 'utility', title: '电价优惠', selective: false, trigger: { kind: 'date', dueDate: '2027-06-30' }, responsibleUserId: ids.off2_midong }), 201);
    await setUserStatus(t.deps, system, ids.off2_midong ?? '', 'disabled', '调离');
    const moved = ((await call('off_midong', 'GET', `/api/projects/${projectId}/commitments`)).json() as { items: ClauseJson[] }).items.find((x) => x.id === c.id) as ClauseJson;
    expect(moved.responsibleUserId).toBe(ids.lead_midong);
    expect(moved.history[0]).toMatchObject({ event: 'reassign' });
    expect(moved.history[0]?.reason).toContain('账号停用');
    // the bare project has no leader: the office head of 米东区 is its longest-standing leader
    const headed = ((await call('off_midong', 'GET', `/api/projects/${bareProjectId}/commitments`)).json() as { items: ClauseJson[] }).items.find((x) => x.id === d.id) as ClauseJson;
    expect(headed.responsibleUserId).toBe(ids.lead_midong);
    // 天山区 has no leader account and the project no leader: the deactivation is refused, naming the clause
    const e = await ok('off_tianshan', 'POST', `/api/projects/${siblingProjectId}/commitments`, clauseBody({ type: 'other', title: '人才公寓', selective: false, trigger: { kind: 'date', dueDate: '2027-06-30' }, responsibleUserId: ids.off_tianshan }), 201);
    await expect(setUserStatus(t.deps, system, ids.off_tianshan ?? '', 'disabled', '调离')).rejects.toThrow(/人才公寓/);
    const still = (await t.database.db.execute(sql`select status from users where id = ${ids.off_tianshan}`)) as unknown as { rows: { status: string }[] };
    expect(still.rows[0]?.status).toBe('active');
    expect(e.responsibleUserId).toBe(ids.off_tianshan);
    // a fulfilled clause is not open: it stays with its person (off_midong keeps A after a reassign of B only)
    const r = await ok('off_midong', 'POST', `/api/commitments/${b.id}/responsible`, { responsibleUserId: ids.off3_midong, reason: '分工调整', version: b.version });
    expect(r.responsibleUserId).toBe(ids.off3_midong);
  });

  it('lists the ledger, the 通报 list and statistics of the region, hand-counted', async () => {
    const ledger = (await call('lead_city', 'GET', '/api/commitments?regionCode=650100')).json() as { counts: Record<string, number>; awaitingReview: number; items: ClauseJson[]; forecast: { months: { month: string; scheduledYuan: number }[]; laterYuan: number } };
    // agreed in 米东区: A fulfilled, B due/overdue; C, D drafts (pending, not counted); 天山区 is not under 乌鲁木齐市? it is: E is a draft
    expect(ledger.counts.fulfilled).toBe(1);
    expect((ledger.counts.due ?? 0) + (ledger.counts.overdue ?? 0)).toBe(1);
    expect(ledger.items).toHaveLength(5);
    expect(ledger.awaitingReview).toBe(0);
    const notice = (await call('lead_city', 'GET', '/api/commitments/notice?regionCode=650100')).json() as { items: { id: string }[] };
    expect(notice.items.map((i) => i.id)).toEqual(todayInShanghai() > '2026-12-14' ? [b.id] : []);
    const xlsx = await call('lead_city', 'GET', '/api/commitments/notice.xlsx?regionCode=650100');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const stats = (await call('lead_city', 'GET', '/api/stats/commitments?regionCode=650100&from=2026-01&to=2026-11')).json() as {
      clauses: number;
      promisedYuan: number;
      fulfilledYuan: number;
      onTime: { base: number; onTime: number; ratePct: number | null };
      byRegion: { code: string; clauses: number }[];
      byDepartment: { department: string; clauses: number }[];
      bothSides: Record<string, number>;
    };
    // as of 2026-11-30: A agreed today is after it, so nothing counts yet
    expect(stats.clauses).toBe(0);
    const now = (await call('lead_city', 'GET', `/api/stats/commitments?regionCode=650100&from=2026-01&to=${todayInShanghai().slice(0, 7)}`)).json() as typeof stats;
    // A (1 000 000 promised and fulfilled, deadline 11-16, fulfilled 11-25: late) and B (no amount)
    expect(now).toMatchObject({ clauses: 2, promisedYuan: 1_000_000, fulfilledYuan: 1_000_000 });
    expect(now.onTime).toMatchObject({ base: 1, onTime: 0, ratePct: 0 });
    expect(now.byRegion.find((r) => r.code === '650109')?.clauses).toBe(2);
    expect(now.byDepartment).toEqual([expect.objectContaining({ department: '工信局', clauses: 2 })]);
    expect(now.bothSides).toMatchObject({ projects: 1, governmentDue: 2, governmentFulfilled: 1, investorWithObligations: 2, investorMet: 2 });
  });

  it('escalates an overdue clause owner → project leader → level above by the clock, with hand-set dates', async () => {
    const run = (date: string) => runNotificationClocks(t.deps, { now: at(date), clocks: [commitmentOverdueClock], digest: false });
    const heard = async (who: string) =>
      ((await t.database.db.execute(sql`select kind from notifications where recipient_id = ${ids[who]} and object_id = ${a.id} order by kind`)) as unknown as { rows: { kind: string }[] }).rows.map((r) => r.kind);
    // as of 2026-11-16 (the deadline) nothing; 11-17 one working day overdue: the owner
    await run('2026-11-16');
    expect(await heard('off_midong')).toEqual([]);
    await run('2026-11-17');
    expect(await heard('off_midong')).toEqual(['commitmentOverdue']);
    expect(await heard('lead_midong')).toEqual([]);
    // 11-19: 3 working days (the escalation setting): the project's leader
    await run('2026-11-19');
    expect(await heard('lead_midong')).toEqual(['commitmentEscalated']);
    expect(await heard('lead_city')).toEqual([]);
    // 11-24: 6 working days: the level above (乌鲁木齐市 leader and officer)
    await run('2026-11-24');
    expect(await heard('lead_city')).toEqual(['commitmentEscalatedAbove']);
    expect(await heard('off_city')).toEqual(['commitmentEscalatedAbove']);
    expect(await heard('off_tianshan')).toEqual([]);
    // fulfilled on 11-25: no more notices after
    const before = await heard('off_midong');
    await run('2026-11-26');
    expect(await heard('off_midong')).toEqual(before);
  });
});
