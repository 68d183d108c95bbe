/**
 * 五个一: a project's 包联领导, 专班 (team members) and 推进方案 (milestones) are saved when the project
 * is created and when it is edited, and read back through the HTTP API; an edit that does not name
 * them leaves them alone; a team member finds the project under 我的项目.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

interface Detail {
  id: string;
  version: number;
  leaderId: string | null;
  team: { userId: string; displayName: string }[];
  milestones: { id: string; title: string; dueDate: string | null; doneOn: string | null }[];
}

describe.each(DATABASE_KINDS)('team members and milestones on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  const ids = { leader: '', a: '', b: '', c: '', sibling: '' };

  beforeAll(async () => {
    t = await createTestApp(kind);
    ids.leader = await t.createAccount('tm_leader', ['leader'], '650100');
    ids.a = await t.createAccount('tm_a_member', ['officer'], '650109');
    ids.b = await t.createAccount('tm_b_member', ['officer'], '650100');
    ids.c = await t.createAccount('tm_c_member', ['statistician'], '650109');
    ids.sibling = await t.createAccount('tm_sibling', ['officer'], '650102');
    await t.createAccount('tm_officer', ['officer'], '650109');
    officer = await t.login('tm_officer');
  });
  afterAll(() => t.close());

  const detail = async (id: string) => {
    const res = await t.call('GET', `/api/projects/${id}`, { cookie: officer });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Detail;
  };
  const milestonesOf = (d: Detail) => d.milestones.map(({ title, dueDate, doneOn }) => ({ title, dueDate, doneOn }));

  it('saves the leader, the team and the milestones of a new project and reads them back', async () => {
    const res = await t.call('POST', '/api/projects', {
      cookie: officer,
      body: {
        name: '新能源电池项目',
        regionCode: '650109',
        leaderId: ids.leader,
        teamMemberIds: [ids.b, ids.a],
        milestones: [
          { title: '完成项目备案', dueDate: '2026-12-31', doneOn: '2026-11-20' },
          { title: '取得土地', dueDate: '2027-03-31' },
          { title: '开工建设' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = await detail((res.json() as Detail).id);
    expect(d.leaderId).toBe(ids.leader);
    expect(d.team).toEqual([
      { userId: ids.a, displayName: 'tm_a_member' },
      { userId: ids.b, displayName: 'tm_b_member' },
    ]);
    expect(milestonesOf(d)).toEqual([
      { title: '完成项目备案', dueDate: '2026-12-31', doneOn: '2026-11-20' },
      { title: '取得土地', dueDate: '2027-03-31', doneOn: null },
      { title: '开工建设', dueDate: null, doneOn: null },
    ]);
    expect(new Set(d.milestones.map((m) => m.id)).size).toBe(3);

    // a team member finds the project under 我的项目
    const member = await t.login('tm_a_member');
    const mine = (await t.call('GET', '/api/projects?mine=true', { cookie: member })).json() as { items: { id: string }[] };
    expect(mine.items.map((p) => p.id)).toEqual([d.id]);
  });

  it('replaces the team and the milestones on an edit, and keeps them when an edit does not name them', async () => {
    const created = (await t.call('POST', '/api/projects', {
      cookie: officer,
      body: { name: '冷链物流园项目', regionCode: '650109', teamMemberIds: [ids.a], milestones: [{ title: '签订框架协议', dueDate: '2026-10-31' }] },
    })).json() as Detail;
    const edited = await t.call('PATCH', `/api/projects/${created.id}`, {
      cookie: officer,
      body: {
        version: created.version,
        teamMemberIds: [ids.c, ids.b],
        milestones: [
          { title: '签订框架协议', dueDate: '2026-10-31', doneOn: '2026-10-28' },
          { title: '签订正式合同', dueDate: '2027-01-15' },
        ],
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    let d = await detail(created.id);
    expect(d.team.map((m) => m.userId)).toEqual([ids.b, ids.c]);
    expect(milestonesOf(d)).toEqual([
      { title: '签订框架协议', dueDate: '2026-10-31', doneOn: '2026-10-28' },
      { title: '签订正式合同', dueDate: '2027-01-15', doneOn: null },
    ]);

    const renamed = await t.call('PATCH', `/api/projects/${created.id}`, { cookie: officer, body: { version: d.version, name: '冷链物流园（一期）' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    d = await detail(created.id);
    expect(d.team.map((m) => m.userId)).toEqual([ids.b, ids.c]);
    expect(milestonesOf(d).map((m) => m.title)).toEqual(['签订框架协议', '签订正式合同']);

    const cleared = await t.call('PATCH', `/api/projects/${created.id}`, { cookie: officer, body: { version: d.version, teamMemberIds: [], milestones: [] } });
    expect(cleared.statusCode, cleared.body).toBe(200);
    d = await detail(created.id);
    expect(d.team).toEqual([]);
    expect(d.milestones).toEqual([]);
  });

  it('refuses a team member from the sibling county and saves nothing', async () => {
    const res = await t.call('POST', '/api/projects', { cookie: officer, body: { name: '越界专班项目', regionCode: '650109', teamMemberIds: [ids.a, ids.sibling] } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { details: [{ field: 'teamMemberIds' }], message: 'tm_sibling 不在本地区的上下级范围内' } });
    const list = (await t.call('GET', '/api/projects?q=越界专班&pageSize=50', { cookie: officer })).json() as { total: number };
    expect(list.total).toBe(0);
  });
});
