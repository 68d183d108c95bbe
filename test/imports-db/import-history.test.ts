/**
 * Every project and fund receipt an import creates or changes shows that import (file, user, time)
 * with the before and after of each changed field: in the project's history (the project page) and
 * in the audit log (by object, and the import's own entry listing what it changed). Re-importing the
 * same file changes nothing and adds no history. Both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const OWN = '650109';
const PROJECTS = (name: string, signed: string) => Buffer.from(`项目编号,项目名称,地区代码,资金来源,阶段,签约额(万元),签约日期\nHIS-1,${name},${OWN},区内,签约,${signed},2025-06-01\nHIS-2,不变项目,${OWN},区外,在谈,,\n`);
const FUNDS = (amount: string) => Buffer.from(`项目编号,月份,金额(万元),备注\nHIS-1,2025-07,${amount},\nHIS-2,2025-07,3,\n`);

interface Entry {
  id: string;
  at: string;
  actorUsername: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
}

describe.each(DATABASE_KINDS)('import history on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let auditor: string;
  let projectId = '';
  let receiptId = '';

  const upload = async (body: Buffer, name: string, kindName: 'projects' | 'funds') => {
    const res = await t.call('POST', `/api/imports?kind=${kindName}`, { cookie: officer, body, headers: { 'content-type': 'text/csv', 'x-file-name': encodeURIComponent(name) } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { importId: string; counts: Record<string, { created: number; updated: number; unchanged: number }> };
  };
  const history = async () => {
    const res = await t.call('GET', `/api/projects/${projectId}/history`, { cookie: officer });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Entry[] }).items;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('his_officer', ['officer'], OWN);
    await t.createAccount('his_auditor', ['auditor'], OWN);
    officer = await t.login('his_officer');
    auditor = await t.login('his_auditor');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows a created project and receipt in the project history with the file, the user and the fields', async () => {
    const before = Date.now();
    await upload(PROJECTS('历史项目', '1000'), '项目首批.csv', 'projects');
    await upload(FUNDS('10'), '资金首批.csv', 'funds');
    const list = await t.call('GET', '/api/projects?q=HIS-1', { cookie: officer });
    projectId = (list.json() as { items: { id: string; code: string }[] }).items.find((p) => p.code === 'HIS-1')?.id ?? '';
    const receipts = await t.call('GET', `/api/projects/${projectId}/receipts`, { cookie: officer });
    receiptId = (receipts.json() as { items: { id: string }[] }).items[0]?.id ?? '';
    const items = await history();
    const created = items.find((e) => e.action === 'import.create' && e.objectType === 'project');
    expect(created).toMatchObject({
      actorUsername: 'his_officer',
      objectId: projectId,
      before: null,
      after: { code: 'HIS-1', name: '历史项目', regionCode: OWN, source: 'local', stage: 'signed', signedAmountYuan: 10_000_000, signedDate: '2025-06-01' },
      reason: expect.stringContaining('项目首批.csv'),
    });
    expect(Date.parse(created?.at ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(items.find((e) => e.action === 'import.create' && e.objectType === 'fundReceipt')).toMatchObject({
      objectId: receiptId,
      after: { month: '2025-07', amountYuan: 100_000 },
      reason: expect.stringContaining('资金首批.csv'),
    });
  });

  it('shows a change with the before and after of each changed field only, and a re-import of the same file adds nothing', async () => {
    const projects = await upload(PROJECTS('历史项目（更名）', '1200'), '项目更正.csv', 'projects');
    expect(projects.counts.projects).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const funds = await upload(FUNDS('12'), '资金更正.csv', 'funds');
    expect(funds.counts.funds).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const items = await history();
    expect(items.find((e) => e.action === 'import.update' && e.objectType === 'project')).toMatchObject({
      actorUsername: 'his_officer',
      before: { code: 'HIS-1', name: '历史项目', signedAmountYuan: 10_000_000 },
      after: { code: 'HIS-1', name: '历史项目（更名）', signedAmountYuan: 12_000_000 },
      reason: expect.stringContaining('项目更正.csv'),
    });
    const update = items.find((e) => e.action === 'import.update' && e.objectType === 'project');
    expect(Object.keys(update?.after ?? {}).sort()).toEqual(['code', 'name', 'signedAmountYuan']);
    expect(items.find((e) => e.action === 'import.update' && e.objectType === 'fundReceipt')).toMatchObject({
      objectId: receiptId,
      before: { month: '2025-07', amountYuan: 100_000 },
      after: { month: '2025-07', amountYuan: 120_000 },
      reason: expect.stringContaining('资金更正.csv'),
    });
    // the receipt's creation still shows the amount it was created with
    expect(items.find((e) => e.action === 'import.create' && e.objectType === 'fundReceipt')).toMatchObject({ after: { month: '2025-07', amountYuan: 100_000 } });
    const count = items.length;
    await upload(PROJECTS('历史项目（更名）', '1200'), '项目更正.csv', 'projects');
    await upload(FUNDS('12'), '资金更正.csv', 'funds');
    expect((await history()).length).toBe(count);
  });

  it('shows the import in the audit log: by object, and the import entry lists the objects it changed', async () => {
    const byObject = await t.call('GET', `/api/audit?objectType=project&objectId=${projectId}`, { cookie: auditor });
    expect(byObject.statusCode, byObject.body).toBe(200);
    const entries = (byObject.json() as { items: Entry[]; total: number }).items;
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['import.create', 'import.update']));
    expect(entries.find((e) => e.action === 'import.update')).toMatchObject({ actorUsername: 'his_officer', before: { name: '历史项目' }, after: { name: '历史项目（更名）' } });
    const byReceipt = await t.call('GET', `/api/audit?objectType=fundReceipt&objectId=${receiptId}`, { cookie: auditor });
    expect((byReceipt.json() as { items: Entry[] }).items.map((e) => e.action)).toEqual(['import.update', 'import.create']);

    const runs = await t.call('GET', '/api/audit?action=import.run', { cookie: auditor });
    const run = (runs.json() as { items: Entry[] }).items.find((e) => (e.after as { fileName?: string } | null)?.fileName === '项目更正.csv' && (e.after as { counts: { projects: { updated: number } } }).counts.projects.updated === 1);
    expect(run?.objectId).toMatch(/^[0-9a-f-]{36}$/);
    const changes = await t.call('GET', `/api/audit/imports/${run?.objectId}/changes`, { cookie: auditor });
    expect(changes.statusCode, changes.body).toBe(200);
    expect(changes.json()).toMatchObject({
      fileName: '项目更正.csv',
      total: 1,
      items: [{ objectType: 'project', objectId: projectId, projectCode: 'HIS-1', change: 'update', before: { name: '历史项目' }, after: { name: '历史项目（更名）' } }],
    });
    // the re-import of the same file changed nothing: its entry lists no object
    const again = (runs.json() as { items: Entry[] }).items.find((e) => (e.after as { fileName?: string } | null)?.fileName === '项目更正.csv' && (e.after as { counts: { projects: { updated: number } } }).counts.projects.updated === 0);
    expect((await t.call('GET', `/api/audit/imports/${again?.objectId}/changes`, { cookie: auditor })).json()).toMatchObject({ total: 0, items: [] });
  });
});
