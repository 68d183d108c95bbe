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
  describe('a complaint naming a clause the public may not name', () => {
    const file = (clauseId: unknown, regionCode = '650109') =>
      t.call('POST', '/api/public/complaints', {
        body: { type: 'brokenPromise', regionCode, name: '李四', phone: '13900001111', content: '承诺未兑现', consent: true, consentVersion: CONSENT_NOTICE_VERSION, clauseId },
      });
    const expectClauseRefusal = (res: { statusCode: number; body: string; json: () => unknown }) => {
      expect(res.statusCode, res.body).toBe(400);
      const body = res.json() as { error: { code: string; message: string; details?: { field: string; message: string }[] } };
      expect(body.error.details?.map((d) => d.field)).toEqual(['clauseId']);
      return body.error;
    };

    it('refuses a malformed clause id with 400 naming the field', async () => {
      expectClauseRefusal(await file('not-a-uuid'));
      expectClauseRefusal(await file(12));
    });

    it('refuses an unknown clause, a draft clause and a clause of another region alike, revealing nothing', async () => {
      const unknown = expectClauseRefusal(await file('00000000-0000-4000-8000-000000000000'));
      const draft = await ok(cookie, 'POST', `/api/projects/${projectId}/commitments`, {
        type: 'service',
        title: '草拟条款',
        trigger: { kind: 'date', dueDate: '2026-09-01' },
        responsibleDepartment: '商务局',
        responsibleUserId: userId,
      }, 201);
      const ofDraft = expectClauseRefusal(await file(draft.id));
      // B is agreed, in 650109: a complaint to another county (650102) may not name it
      const elsewhere = expectClauseRefusal(await file(clauses.b.id, '650102'));
      expect(ofDraft).toEqual(unknown);
      expect(elsewhere).toEqual(unknown);
      // nothing was filed for any of them: B still has the one complaint of the test above
      const list = (await t.call('GET', `/api/projects/${projectId}/commitments`, { cookie })).json() as { items: (ClauseJson & { id: string })[] };
      expect(list.items.find((c) => c.id === clauses.b.id)?.complaints).toHaveLength(1);
      expect(list.items.find((c) => c.id === draft.id)?.complaints).toEqual([]);
    });

    it('accepts the agreed clause when the complaint goes to a region above it', async () => {
      const res = await file(clauses.a.id, '650100');
      expect(res.statusCode, res.body).toBe(201);
    });
  });
});
