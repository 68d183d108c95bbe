/**
 * Monthly returns: the checks each entry point makes (month format, parks, future months, who may
 * submit or review, a reason), the reasons a review keeps (trimmed; cleared by an approval), the
 * submitter who may reopen but not review their own return, and the reminders around the turn of
 * the year. Messages are compared through the catalog (key and parameters), not their wording.
 * Data: one project of 米东区 with a receipt in 2026-03; a park under 米东区.
 */
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index';
import { todayInShanghai } from '../../src/domain/dates';
import { msg, renderMessage, type MessageArgs, type MessageKey } from '../../src/domain/messages/catalog';
import { listPermissions } from '../../src/domain/roles';
import { createSystemCaller, type Caller } from '../../src/services/context';
import { addReceipt } from '../../src/services/funds/funds';
import { createProject } from '../../src/services/projects/projects';
import { createPark } from '../../src/services/regions';
import {
  approveReturn,
  draftReturnSnapshot,
  getReturn,
  listReminders,
  listReturnStatus,
  reopenReturn,
  sendBackReturn,
  submitReturn,
  type ReturnDto,
} from '../../src/services/returns/returns';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const WAN = 10_000;
const M = '2026-03';
const PARK = '核查园区';

/** The Chinese text of a catalog message, as the API sends it by default. */
const zh = <K extends MessageKey>(key: K, ...args: MessageArgs<K>) => renderMessage(msg(key, ...args), 'zh');

describe.each(DATABASE_KINDS)('return checks on %s', (kind) => {
  let t: TestApp;
  const sys = createSystemCaller('test');
  const cookie: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let parkCode = '';

  const call = (who: string, method: string, url: string, body?: unknown) => t.call(method, url, { cookie: cookie[who], body });
  const act = (who: string, action: string, region: string, body: unknown = {}, month = M) => call(who, 'POST', `/api/returns/${region}/${month}/${action}`, body);
  const ok = async (res: Awaited<ReturnType<TestApp['call']>>) => {
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ReturnDto;
  };
  const refused = async (res: Awaited<ReturnType<TestApp['call']>>, status: number, code: string, message: string) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json()).toMatchObject({ error: { code, message } });
  };
  const statisticianOf = (username: string, regionCode: string, regionPath: string): Caller => ({
    actor: { id: ids[username] ?? null, username, displayName: username, roles: ['statistician'], permissions: listPermissions(['statistician']), regionCode, regionPath },
    clientIp: null,
    requestId: null,
  });

  beforeAll(async () => {
    t = await createTestApp(kind);
    parkCode = (await createPark(t.deps, sys, { parentCode: '650109', name: PARK })).code;
    const p = await createProject(t.deps, sys, { name: '核查项目', regionCode: '650109', source: 'local' });
    await addReceipt(t.deps, sys, p.id, { month: M, amountYuan: 10 * WAN });
    const users: [string, string[], string][] = [
      ['ck_stat_mid', ['statistician'], '650109'],
      ['ck_rev_mid', ['reviewer'], '650109'],
      ['ck_stat_pref', ['statistician'], '650100'],
      ['ck_rev_pref', ['reviewer'], '650100'],
      ['ck_both_prov', ['statistician', 'reviewer'], '650000'],
      ['ck_rev_prov', ['reviewer'], '650000'],
    ];
    for (const [name, roles, region] of users) {
      ids[name] = await t.createAccount(name, roles, region);
      cookie[name] = await t.login(name);
    }
  });
  afterAll(() => t.close());

  it('refuses a month not written YYYY-MM at every entry point, and a park, which files no return', async () => {
    const bad = '2026-3';
    const monthError = { code: 'VALIDATION', text: msg('returns.monthFormat', { month: bad }), details: [{ field: 'month', text: msg('returns.monthFormatShort') }] };
    const calls: [string, () => Promise<unknown>][] = [
      ['draft', () => draftReturnSnapshot(t.deps, sys, '650109', bad)],
      ['get', () => getReturn(t.deps, sys, '650109', bad)],
      ['submit', () => submitReturn(t.deps, sys, '650109', bad)],
      ['approve', () => approveReturn(t.deps, sys, '650109', bad)],
      ['return', () => sendBackReturn(t.deps, sys, '650109', bad, '原因')],
      ['reopen', () => reopenReturn(t.deps, sys, '650109', bad, '原因')],
      ['status', () => listReturnStatus(t.deps, sys, { region: '650109', month: bad })],
    ];
    for (const [name, run] of calls) await expect(run(), name).rejects.toMatchObject(monthError);

    const parkError = { code: 'VALIDATION', text: msg('returns.parkNoReturn', { region: PARK }), details: [{ field: 'regionCode', text: msg('returns.parkNoReturnShort') }] };
    await expect(getReturn(t.deps, sys, parkCode, M)).rejects.toMatchObject(parkError);
    await expect(submitReturn(t.deps, sys, parkCode, M)).rejects.toMatchObject(parkError);
    await expect(listReturnStatus(t.deps, sys, { region: parkCode, month: M })).rejects.toMatchObject(parkError);
    await refused(await call('ck_stat_mid', 'GET', `/api/returns/${parkCode}/${M}`), 400, 'VALIDATION', zh('returns.parkNoReturn', { region: PARK }));
  });

  it('refuses a future month but takes the current one, and only from the statistician of the region', async () => {
    const current = todayInShanghai().slice(0, 7);
    const [y, m] = current.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    await expect(submitReturn(t.deps, sys, '650109', next)).rejects.toMatchObject({
      code: 'VALIDATION',
      text: msg('returns.futureMonth', { month: next }),
      details: [{ field: 'month', text: msg('returns.futureMonthShort') }],
    });
    await refused(await act('ck_stat_pref', 'submit', '650109', {}, current), 403, 'FORBIDDEN', zh('returns.submitterOnly', { region: '米东区' }));
    expect(await ok(await act('ck_stat_mid', 'submit', '650109', {}, current))).toMatchObject({ month: current, state: 'submitted', submissions: 1 });
  });

  it('wants a reason that is not blank to send back or reopen, and the parent level as reviewer', async () => {
    const reasonError = { code: 'VALIDATION', text: msg('returns.reasonRequired'), details: [{ field: 'reason', text: msg('returns.required') }] };
    await expect(sendBackReturn(t.deps, sys, '650109', M, '   ')).rejects.toMatchObject(reasonError);
    await expect(reopenReturn(t.deps, sys, '650109', M, ' ')).rejects.toMatchObject(reasonError);
    await refused(await act('ck_rev_mid', 'approve', '650109'), 403, 'FORBIDDEN', zh('returns.reviewerParent', { region: '米东区', parent: '乌鲁木齐市' }));
  });

  it('keeps the trimmed reason of a send-back until an approval clears it; the submitter reopens but never reviews their own return', async () => {
    await ok(await act('ck_stat_mid', 'submit', '650109'));
    const returned = await ok(await act('ck_rev_pref', 'return', '650109', { reason: '  三月资金待核实  ' }));
    expect(returned).toMatchObject({ state: 'returned', reviewReason: '三月资金待核实', locked: false, figuresAreLive: true });
    expect(returned.versions).toMatchObject([{ number: 1, outcome: 'returned', reviewedByName: 'ck_rev_pref', reason: '三月资金待核实' }]);
    expect(returned.reviewedAt).toEqual(expect.any(String));

    const resubmitted = await ok(await act('ck_stat_mid', 'submit', '650109'));
    expect(resubmitted).toMatchObject({ state: 'submitted', submissions: 2, reviewedAt: null });
    const approved = await ok(await act('ck_rev_pref', 'approve', '650109'));
    expect(approved).toMatchObject({ state: 'approved', locked: true, reviewReason: null, submissions: 2 });
    expect(approved.versions.map((v) => [v.number, v.outcome, v.reviewedByName, v.reason])).toEqual([
      [1, 'returned', 'ck_rev_pref', '三月资金待核实'],
      [2, 'approved', 'ck_rev_pref', null],
    ]);

    await ok(await act('ck_stat_pref', 'submit', '650100'));
    await ok(await act('ck_both_prov', 'approve', '650100'));
    // the province reviews itself, but not by the one who submitted it — approving and sending back alike
    await ok(await act('ck_both_prov', 'submit', '650000'));
    await refused(await act('ck_both_prov', 'approve', '650000'), 403, 'FORBIDDEN', zh('returns.ownSubmission'));
    await refused(await act('ck_both_prov', 'return', '650000', { reason: '自查' }), 403, 'FORBIDDEN', zh('returns.ownSubmission'));
    await ok(await act('ck_rev_prov', 'approve', '650000'));
    // reopening is not a review of one's own figures: the submitter may reopen
    expect(await ok(await act('ck_both_prov', 'reopen', '650000', { reason: ' 口径调整 ' }))).toMatchObject({ state: 'returned', reviewReason: '重新开放：口径调整', locked: false });

    const audit = await t.database.db
      .select({ action: auditLog.action, reason: auditLog.reason, regionCode: auditLog.regionCode, actor: auditLog.actorUsername, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'monthlyReturn'), eq(auditLog.objectId, `650000/${M}`)))
      .orderBy(asc(auditLog.id));
    expect(audit).toEqual([
      expect.objectContaining({ action: 'return.submit', reason: null, regionCode: '650000', actor: 'ck_both_prov', before: { state: 'draft', submissions: 0 } }),
      { action: 'return.approve', reason: null, regionCode: '650000', actor: 'ck_rev_prov', before: { state: 'submitted', submissions: 1, locked: false }, after: { state: 'approved', submissions: 1, locked: true } },
      { action: 'return.reopen', reason: '口径调整', regionCode: '650000', actor: 'ck_both_prov', before: { state: 'approved', submissions: 1, locked: true }, after: { state: 'returned', submissions: 1, locked: false } },
    ]);
    expect(audit[0]?.after).toMatchObject({ state: 'submitted', submissions: 1, changes: null });

    // 米东区's 2026-03 is approved now, first submitted after its due date: neither late nor due soon any more
    const april = await listReminders(t.deps, statisticianOf('ck_stat_mid', '650109', '/650000/650100/650109/'), '2026-04-03');
    expect(april.items.map((i) => [i.kind, i.month])).toEqual([
      ['late', '2026-01'],
      ['late', '2026-02'],
    ]);
  });

  it('trims a reopen reason on every path, and will not reopen a return its parent has submitted or approved', async () => {
    // (after the test above: 650000 returned, 650100 and 650109 approved) — the service called directly, as the CLI does
    expect(await reopenReturn(t.deps, sys, '650100', M, '  米东区更正  ')).toMatchObject({ state: 'returned', reviewReason: '重新开放：米东区更正' });
    // the prefecture submits again: 米东区's approved figures are in it, so 米东区 cannot be reopened under it
    await ok(await act('ck_stat_pref', 'submit', '650100'));
    await refused(
      await act('ck_rev_pref', 'reopen', '650109', { reason: '更正' }),
      409,
      'CONFLICT',
      zh('returns.parentHolds', { parent: '乌鲁木齐市', month: M, state: msg('returns.state.submitted'), region: '米东区' }),
    );
    const english = await t.call('POST', `/api/returns/650109/${M}/reopen`, { cookie: cookie.ck_rev_pref, body: { reason: '更正' }, headers: { 'accept-language': 'en' } });
    expect(english.json()).toMatchObject({
      error: { code: 'CONFLICT', message: `The ${M} return of 乌鲁木齐市 is submitted and includes the figures of 米东区; the level above 乌鲁木齐市 must first return or reopen it` },
    });
  });

  it("reminds in January of last December's return too, and not of returns already submitted", async () => {
    const me = statisticianOf('ck_stat_mid', '650109', '/650000/650100/650109/');
    // 2025-12 was due on 2026-01-05 (a Monday); 2026-01 is due on 2026-02-05, not soon on 01-10
    expect(await listReminders(t.deps, me, '2026-01-10')).toEqual({
      today: '2026-01-10',
      items: [{ kind: 'late', regionCode: '650109', regionName: '米东区', month: '2025-12', state: 'draft', dueDate: '2026-01-05', message: '米东区 2025-12 的月报已逾期（应于 2026-01-05 前上报）' }],
    });
    // in February no December; 2026-01 is due within three working days (Tuesday 02-03 → Thursday 02-05)
    expect(await listReminders(t.deps, me, '2026-02-03')).toEqual({
      today: '2026-02-03',
      items: [{ kind: 'dueSoon', regionCode: '650109', regionName: '米东区', month: '2026-01', state: 'draft', dueDate: '2026-02-05', message: '米东区 2026-01 的月报将于 2026-02-05 到期' }],
    });
    // in the reader's language
    const english = await listReminders(t.deps, { ...me, lang: 'en' }, '2026-01-10');
    expect(english.items.map((i) => i.message)).toEqual(['The 2025-12 return of 米东区 is late (it was due by 2026-01-05)']);
  });

  it("reminds the parent level's reviewer of a return waiting for review", async () => {
    await ok(await act('ck_stat_mid', 'submit', '650109', {}, '2026-05'));
    const res = await call('ck_rev_pref', 'GET', '/api/returns/reminders');
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { items: unknown[] }).items).toContainEqual({
      kind: 'toReview',
      regionCode: '650109',
      regionName: '米东区',
      month: '2026-05',
      state: 'submitted',
      dueDate: null,
      message: '米东区 2026-05 的月报已上报，待您审核',
    });
    // the statistician is not reminded to review
    const own = await call('ck_stat_mid', 'GET', '/api/returns/reminders');
    expect((own.json() as { items: { kind: string }[] }).items.some((i) => i.kind === 'toReview')).toBe(false);
  });
});
