/**
 * 帮办代办 summary per sub-region: open, overdue, closed and closed late (closed after the due day),
 * pinned on hand-built items. Every item is opened on Tuesday 2026-09-01 with 3 working days, so it
 * is due on Friday 2026-09-04:
 *   米东 (650109): closed 09-02 (early), closed 09-04 (on the due day), closed 09-07 (late), open (overdue)
 *   天山 (650102): closed 09-08 (late), closed 09-30 (late)
 *   乌鲁木齐市本级 (650100): closed 09-04 (on time), closed 09-05 (late, a Saturday)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

interface Row {
  code: string;
  name: string;
  open: number;
  overdue: number;
  closed: number;
  closedLate: number;
}

describe.each(DATABASE_KINDS)('service item summary on %s', (kind) => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('si_officer', ['officer'], '650100');
    cookie = await t.login('si_officer');
    const projectIn = async (regionCode: string) => {
      const res = await t.call('POST', '/api/projects', { cookie, body: { name: `帮办项目${regionCode}`, regionCode } });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { id: string }).id;
    };
    const item = async (projectId: string, closedOn: string | null) => {
      const res = await t.call('POST', `/api/projects/${projectId}/service-items`, {
        cookie,
        body: { type: 'land', title: '用地预审', requester: '项目单位', handlerName: '自然资源局', openedOn: '2026-09-01', workingDays: 3 },
      });
      expect(res.statusCode, res.body).toBe(201);
      const created = res.json() as { id: string; dueOn: string; version: number };
      expect(created.dueOn).toBe('2026-09-04');
      if (closedOn) {
        const closed = await t.call('PATCH', `/api/service-items/${created.id}`, { cookie, body: { status: 'closed', closedOn, version: created.version } });
        expect(closed.statusCode, closed.body).toBe(200);
        expect((closed.json() as { overdue: boolean }).overdue).toBe(closedOn > '2026-09-04');
      }
    };
    const midong = await projectIn('650109');
    for (const closedOn of ['2026-09-02', '2026-09-04', '2026-09-07', null]) await item(midong, closedOn);
    const tianshan = await projectIn('650102');
    for (const closedOn of ['2026-09-08', '2026-09-30']) await item(tianshan, closedOn);
    const own = await projectIn('650100');
    for (const closedOn of ['2026-09-04', '2026-09-05']) await item(own, closedOn);
  });
  afterAll(() => t.close());

  const summary = async (regionCode: string) => {
    const res = await t.call('GET', `/api/service-items/summary?regionCode=${regionCode}`, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Row[] }).items;
  };

  it('counts items closed after their due day as closed late, and those closed on or before it as on time', async () => {
    const rows = await summary('650100');
    expect(rows[0]).toEqual({ code: '650100', name: '乌鲁木齐市（本级）', open: 0, overdue: 0, closed: 2, closedLate: 1 });
    expect(rows.find((r) => r.code === '650109')).toEqual({ code: '650109', name: '米东区', open: 1, overdue: 1, closed: 3, closedLate: 1 });
    expect(rows.find((r) => r.code === '650102')).toEqual({ code: '650102', name: '天山区', open: 0, overdue: 0, closed: 2, closedLate: 2 });
    expect(rows.filter((r) => r.code !== '650100' && r.code !== '650109' && r.code !== '650102').every((r) => r.open + r.closed + r.closedLate === 0)).toBe(true);
  });

  it('counts a county on its own, its items in its own row', async () => {
    const rows = await summary('650109');
    expect(rows[0]).toEqual({ code: '650109', name: '米东区（本级）', open: 1, overdue: 1, closed: 3, closedLate: 1 });
  });
});
