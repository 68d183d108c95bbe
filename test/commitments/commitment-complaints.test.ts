/**
 * Complaints naming a commitment clause (issue 14 item 6): the clause shows them (count and list,
 * masked), and the 通报 list puts overdue clauses with complaints first, before longer-overdue ones
 * without. Two clauses overdue as of today: A due 2026-03-02 (overdue longer), B due 2026-06-01; a
 * complaint filed on the public API names B, so B leads the list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_NOTICE_VERSION } from '../../src/domain/inquiries/consent-notice';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

interface ClauseJson {
  id: string;
  version: number;
  status: string;
  complaints: { investorName: string; excerpt: string; stage: string }[];
}

describe.each(DATABASE_KINDS)('complaints on commitment clauses on %s', (kind) => {
  let t: TestApp;
  let cookie = '';
  let reviewer = '';
  let userId = '';
  let projectId = '';
  const clauses: Record<'a' | 'b', ClauseJson> = {} as Record<'a' | 'b', ClauseJson>;

  const ok = async (c: string, method: string, url: string, body: unknown, status = 200) => {
    const res = await t.call(method, url, { cookie: c, body });
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as ClauseJson;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    userId = await t.createAccount('cc_off', ['officer'], '650109');
    await t.createAccount('cc_off2', ['officer'], '650109');
    cookie = await t.login('cc_off');
    reviewer = await t.login('cc_off2');
    const res = await t.call('POST', '/api/projects', {
      cookie,
      body: { name: '投诉条款测试项目', regionCode: '650109', stage: 'signed', investorName: '某装备制造有限公司', source: 'outOfRegion', signedDate: '2026-01-10', signedAmountYuan: 50_000_000 },
    });
    expect(res.statusCode, res.body).toBe(201);
    projectId = (res.json() as { id: string }).id;
    for (const [key, dueDate] of [['a', '2026-03-02'], ['b', '2026-06-01']] as const) {
      let c = await ok(cookie, 'POST', `/api/projects/${projectId}/commitments`, {
        type: 'service',
        title: `条款${key}`,
        amountYuan: 200_000,
        trigger: { kind: 'date', dueDate },
        responsibleDepartment: '商务局',
        responsibleUserId: userId,
      }, 201);
      c = await ok(reviewer, 'POST', `/api/commitments/${c.id}/agree`, { version: c.version });
      expect(c.status).toBe('overdue');
      clauses[key] = c;
    }
  });
  afterAll(() => t.close());

  it('orders the 通报 list by overdue days while no clause has a complaint', async () => {
    const notice = (await t.call('GET', '/api/commitments/notice?regionCode=650109', { cookie })).json() as { items: { id: string; complaints: number }[] };
    expect(notice.items.map((i) => [i.id, i.complaints])).toEqual([
      [clauses.a.id, 0],
      [clauses.b.id, 0],
    ]);
  });

  it('shows a complaint on the clause it names, masked, and puts that clause first in the 通报 list', async () => {
    const filed = await t.call('POST', '/api/public/complaints', {
      body: { type: 'brokenPromise', regionCode: '650109', name: '张三丰', phone: '13800001234', content: '承诺的服务保障至今未落实，联系电话13800001234', consent: true, consentVersion: CONSENT_NOTICE_VERSION, clauseId: clauses.b.id },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const list = (await t.call('GET', `/api/projects/${projectId}/commitments`, { cookie })).json() as { items: (ClauseJson & { id: string })[] };
    const b = list.items.find((c) => c.id === clauses.b.id);
    const a = list.items.find((c) => c.id === clauses.a.id);
    expect(a?.complaints).toEqual([]);
    expect(b?.complaints).toHaveLength(1);
    expect(b?.complaints[0]).toMatchObject({ stage: 'received' });
    expect(b?.complaints[0]?.investorName).not.toContain('三丰');
    expect(b?.complaints[0]?.excerpt).toContain('承诺的服务保障');
    expect(b?.complaints[0]?.excerpt).not.toContain('13800001234');
    const notice = (await t.call('GET', '/api/commitments/notice?regionCode=650109', { cookie })).json() as { items: { id: string; complaints: number; daysOverdue: number }[] };
    expect(notice.items.map((i) => [i.id, i.complaints])).toEqual([
      [clauses.b.id, 1],
      [clauses.a.id, 0],
    ]);
    // A is overdue longer: only the complaint puts B first
    expect(notice.items[1]?.daysOverdue).toBeGreaterThan(notice.items[0]?.daysOverdue ?? 0);
    const ledger = (await t.call('GET', '/api/commitments?regionCode=650109', { cookie })).json() as { items: ClauseJson[] };
    expect(ledger.items.find((c) => c.id === clauses.b.id)?.complaints).toHaveLength(1);
  });
});
