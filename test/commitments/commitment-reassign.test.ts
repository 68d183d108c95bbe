/**
 * 更换责任人 (POST /api/commitments/:id/responsible): a clause is never left without an owner. No person, an empty
 * one, someone outside the project's region or disabled, or no change at all are refused with 400 naming the field,
 * and the clause keeps its owner; a change with a reason moves it (department and person) and writes history and audit.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

interface ClauseJson {
  id: string;
  version: number;
  responsibleUserId: string;
  responsibleDepartment: string;
  responsibleName: string;
  history: { event: string; detail: string | null; reason: string | null }[];
}

describe.each(DATABASE_KINDS)('changing the person responsible for a clause on %s', (kind) => {
  let t: TestApp;
  let cookie = '';
  const ids: Record<string, string> = {};
  let clause: ClauseJson;
  let projectId = '';

  beforeAll(async () => {
    t = await createTestApp(kind);
    ids.owner = await t.createAccount('rs_owner', ['officer'], '650109');
    ids.next = await t.createAccount('rs_next', ['officer'], '650109');
    ids.sibling = await t.createAccount('rs_tianshan', ['officer'], '650102');
    ids.gone = await t.createAccount('rs_gone', ['officer'], '650109');
    await t.database.db.execute(sql`update users set status = 'disabled' where id = ${ids.gone}`);
    cookie = await t.login('rs_owner');
    const project = await t.call('POST', '/api/projects', {
      cookie,
      body: { name: '更换责任人测试项目', regionCode: '650109', stage: 'signed', investorName: '某食品有限公司', source: 'outOfRegion', signedDate: '2026-02-10', signedAmountYuan: 20_000_000 },
    });
    expect(project.statusCode, project.body).toBe(201);
    projectId = (project.json() as { id: string }).id;
    const res = await t.call('POST', `/api/projects/${projectId}/commitments`, {
      cookie,
      body: { type: 'service', title: '代办审批手续', trigger: { kind: 'date', dueDate: '2027-03-01' }, responsibleDepartment: '商务局', responsibleUserId: ids.owner },
    });
    expect(res.statusCode, res.body).toBe(201);
    clause = res.json() as ClauseJson;
  });
  afterAll(() => t.close());

  const reassign = (body: Record<string, unknown>) => t.call('POST', `/api/commitments/${clause.id}/responsible`, { cookie, body: { reason: '分工调整', version: clause.version, ...body } });
  const current = async () => {
    const res = await t.call('GET', `/api/projects/${projectId}/commitments`, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    const found = (res.json() as { items: ClauseJson[] }).items.find((c) => c.id === clause.id);
    if (!found) throw new Error('the clause is not listed');
    return found;
  };

  it.each([
    ['no person', {}],
    ['an empty person', { responsibleUserId: '' }],
    ['a person of another county', { responsibleUserId: 'sibling' }],
    ['a disabled person', { responsibleUserId: 'gone' }],
    ['the same person and department', { responsibleUserId: 'owner', responsibleDepartment: '商务局' }],
  ])('refuses %s with 400 naming responsibleUserId, and the clause keeps its owner', async (_what, body: Record<string, unknown>) => {
    const named = typeof body.responsibleUserId === 'string' && ids[body.responsibleUserId] ? { ...body, responsibleUserId: ids[body.responsibleUserId] } : body;
    const res = await reassign(named);
    expect(res.statusCode, res.body).toBe(400);
    expect((res.json() as { error: { details: { field: string }[] } }).error.details.map((d) => d.field)).toContain('responsibleUserId');
    expect(await current()).toMatchObject({ responsibleUserId: ids.owner, responsibleDepartment: '商务局' });
  });

  it('refuses a change without a reason', async () => {
    const res = await reassign({ responsibleUserId: ids.next, reason: '  ' });
    expect(res.statusCode, res.body).toBe(400);
    expect((res.json() as { error: { details: { field: string }[] } }).error.details.map((d) => d.field)).toEqual(['reason']);
    expect((await current()).responsibleUserId).toBe(ids.owner);
  });

  it('moves the clause to the new department and person, with the reason in its history and the audit log', async () => {
    const res = await reassign({ responsibleUserId: ids.next, responsibleDepartment: '住建局', reason: '项目移交住建局跟进' });
    expect(res.statusCode, res.body).toBe(200);
    const after = await current();
    expect(after).toMatchObject({ responsibleUserId: ids.next, responsibleDepartment: '住建局' });
    expect(after.history[0]).toMatchObject({ event: 'reassign', reason: '项目移交住建局跟进' });
    expect(after.history[0]?.detail).toContain('住建局');
    const audit = (await t.database.db.execute(sql`select reason from audit_log where action = 'commitment.reassign' and object_id = ${clause.id}`)) as unknown as { rows: { reason: string }[] };
    expect(audit.rows.map((r) => r.reason)).toEqual(['项目移交住建局跟进']);
  });
});
