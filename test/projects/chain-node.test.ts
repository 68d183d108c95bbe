/**
 * 产业链节点 of a project (issue 12 item 9), on a real database. Chains:
 *   CN (乌鲁木齐市 650100): CN-U01 工业硅 (3218) with child CN-U01-01 硅石 (1099), CN-M01 组件 (3825), CN-OLD 旧节点 (4416)
 *     — version 2 drops CN-OLD;
 *   CJ (昌吉州 652300): CJ-01 (3218), a chain 米东区 cannot use.
 * Projects of 米东区 650109: A 3218 naming nothing; B industry 4416 naming CN-U01-01 (counts for CN-U01 and CN-U01-01
 * although its industry does not match); C industry 3218 naming CN-M01 (counts for CN-M01 only, not for CN-U01);
 * 组件项目 3825 whose node was cleared (counts for CN-M01 by industry).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importChains } from '../../src/services/chains/import-chains';
import { createSystemCaller } from '../../src/services/context';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const HEADER = '产业链编码,产业链名称,节点编码,节点名称,上级节点编码,环节,行业代码,关键产品';
const CN_V1 = [HEADER, 'CN,节点测试链,CN-U01,工业硅,,上游,3218,', 'CN,节点测试链,CN-U01-01,硅石,CN-U01,上游,1099,', 'CN,节点测试链,CN-M01,组件,,中游,3825,', 'CN,节点测试链,CN-OLD,旧节点,,下游,4416,'].join('\n');
const CN_V2 = CN_V1.split('\n').slice(0, 4).join('\n');
const CJ = [HEADER, 'CJ,昌吉测试链,CJ-01,工业硅,,上游,3218,'].join('\n');

interface Project {
  id: string;
  code: string;
  version: number;
  chainNode: string | null;
  chainNodeName: string | null;
  chainNodeCurrent: boolean | null;
  chainCode: string | null;
  chainName: string | null;
}

describe.each(DATABASE_KINDS)('a project’s 产业链节点 on %s', (kind) => {
  let t: TestApp;
  let officer: string;
  let oldNodeProject: Project;
  const sys = createSystemCaller('test');

  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const [file, region] of [[CN_V1, '650100'], [CJ, '652300']] as const) {
      const r = await importChains(t.deps, sys, Buffer.from(file), { fileName: 'chain.csv', regionCode: region });
      expect(r.problems).toEqual([]);
    }
    await t.createAccount('cn_officer', ['officer'], '650109');
    officer = await t.login('cn_officer');
    // named while CN-OLD was current; version 2 of CN then drops it
    oldNodeProject = (await t.call('POST', '/api/projects', { cookie: officer, body: { name: '旧节点项目', regionCode: '650109', chainNode: 'CN-OLD' } })).json() as Project;
    const r = await importChains(t.deps, sys, Buffer.from(CN_V2), { fileName: 'chain-v2.csv', regionCode: '650100' });
    expect(r.problems).toEqual([]);
  });
  afterAll(() => t?.close());

  const create = (body: Record<string, unknown>) => t.call('POST', '/api/projects', { cookie: officer, body: { regionCode: '650109', ...body } });
  const read = async (id: string) => (await t.call('GET', `/api/projects/${id}`, { cookie: officer })).json() as Project;

  it('stores a node of a chain the region uses, answers its name and chain, and audits a change like any field', async () => {
    const res = await create({ name: '组件项目', industryCode: '3825', chainNode: ' cn-m01 ' });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json() as Project;
    expect(p).toMatchObject({ chainNode: 'CN-M01', chainNodeName: '组件', chainNodeCurrent: true, chainCode: 'CN', chainName: '节点测试链' });
    const changed = await t.call('PATCH', `/api/projects/${p.id}`, { cookie: officer, body: { chainNode: 'CN-U01', version: p.version } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ chainNode: 'CN-U01', chainNodeName: '工业硅' });
    const audit = (await t.deps.db.execute(
      sql`select before->>'chainNode' as b, after->>'chainNode' as a from audit_log where action = 'project.update' and object_id = ${p.id}`,
    )) as unknown as { rows: { b: string; a: string }[] };
    expect(audit.rows).toEqual([{ b: 'CN-M01', a: 'CN-U01' }]);
    const cleared = await t.call('PATCH', `/api/projects/${p.id}`, { cookie: officer, body: { chainNode: '', version: p.version + 1 } });
    expect(cleared.json()).toMatchObject({ chainNode: null, chainNodeName: null, chainNodeCurrent: null, chainCode: null });
  });

  it('refuses an unknown node, a node of a chain another prefecture defined, and a node its chain dropped', async () => {
    const unknown = await create({ name: '未知节点项目', chainNode: 'NOPE-01' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ message: '产业链节点“NOPE-01”不存在（节点编码见产业链页面）', details: [{ field: 'chainNode' }] });
    const foreign = await create({ name: '昌吉节点项目', chainNode: 'CJ-01' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toBe('产业链节点“CJ-01”所属的产业链不是米东区或其上级地区定义的，米东区的项目不能使用');
    const dropped = await create({ name: '旧节点新项目', chainNode: 'CN-OLD' });
    expect(dropped.statusCode).toBe(400);
    expect(dropped.json().error.message).toBe('产业链节点“CN-OLD”（旧节点）已不在产业链“节点测试链”的当前版本中，请选择当前版本的节点');
    const en = await t.call('POST', '/api/projects', { cookie: officer, body: { name: 'x', regionCode: '650109', chainNode: 'NOPE-01' }, headers: { 'accept-language': 'en' } });
    expect(en.json().error.message).toBe('Industry chain node “NOPE-01” does not exist (node codes are on the chain pages)');
    const p = (await create({ name: '改节点项目' })).json() as Project;
    const patch = await t.call('PATCH', `/api/projects/${p.id}`, { cookie: officer, body: { chainNode: 'CJ-01', version: p.version } });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.details).toEqual([expect.objectContaining({ field: 'chainNode' })]);
  });

  it('keeps a node a newer chain version dropped on the project that names it (已不在当前版本)', async () => {
    const p = await read(oldNodeProject.id);
    expect(p).toMatchObject({ chainNode: 'CN-OLD', chainNodeName: '旧节点', chainNodeCurrent: false, chainCode: 'CN' });
    const edited = await t.call('PATCH', `/api/projects/${p.id}`, { cookie: officer, body: { name: '旧节点项目（改名）', version: p.version } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ chainNode: 'CN-OLD', chainNodeCurrent: false });
  });

  it('counts a project that names a node for that node and its ancestors, whatever its industry, and the drill-down lists it', async () => {
    await create({ name: 'A工业硅', industryCode: '3218' });
    await create({ name: 'B显式硅石', industryCode: '4416', chainNode: 'CN-U01-01' });
    await create({ name: 'C显式组件', industryCode: '3218', chainNode: 'CN-M01' });
    const res = await t.call('GET', '/api/chains/CN/coverage?regionCode=650109', { cookie: officer });
    expect(res.statusCode, res.body).toBe(200);
    const nodes = (res.json() as { nodes: { code: string; projects: { total: number } }[] }).nodes;
    const total = (code: string) => nodes.find((n) => n.code === code)?.projects.total;
    expect([total('CN-U01'), total('CN-U01-01'), total('CN-M01')]).toEqual([2, 1, 2]);
    const names = async (node: string) =>
      ((await t.call('GET', `/api/chains/CN/nodes/${node}/projects?regionCode=650109`, { cookie: officer })).json() as { items: { name: string }[] }).items.map((i) => i.name).sort();
    expect(await names('CN-U01')).toEqual(['A工业硅', 'B显式硅石']);
    expect(await names('CN-U01-01')).toEqual(['B显式硅石']);
    // CN-M01 also counts 组件项目 (3825), which names no node any more
    expect(await names('CN-M01')).toEqual(['C显式组件', '组件项目']);
  });

  it('filters the list by node (with the nodes below it) and by chain', async () => {
    const list = async (q: string) => ((await t.call('GET', `/api/projects?${q}&pageSize=100`, { cookie: officer })).json() as { items: { name: string }[] }).items.map((i) => i.name).sort();
    expect(await list('chainNode=cn-u01')).toEqual(['B显式硅石']);
    expect(await list('chainNode=CN-M01')).toEqual(['C显式组件']);
    expect(await list('chain=CN')).toEqual(['B显式硅石', 'C显式组件', '旧节点项目（改名）']);
  });

  it('lists the chains a region uses for the picker: defined at it or above, not those of another prefecture', async () => {
    await t.createAccount('cn_analyst', ['analyst'], '650000');
    const province = await t.login('cn_analyst');
    const codes = async (q: string) => ((await t.call('GET', `/api/chains${q}`, { cookie: province })).json() as { items: { code: string }[] }).items.map((c) => c.code);
    expect(await codes('')).toEqual(['CJ', 'CN']);
    expect(await codes('?usedBy=650109')).toEqual(['CN']);
    expect(await codes('?usedBy=652300')).toEqual(['CJ']);
    expect((await t.call('GET', '/api/chains?usedBy=650102', { cookie: officer })).statusCode).toBe(404);
  });

  it('imports 产业链节点: stored when the region may name it; a bad code rejects the file with row, column, value and reason', async () => {
    const upload = (csv: string) =>
      t.call('POST', '/api/imports', { cookie: officer, body: Buffer.from(csv), headers: { 'content-type': 'text/csv', 'x-file-name': encodeURIComponent('projects.csv') } });
    const head = '项目编号,项目名称,地区代码,资金来源,阶段,产业链节点';
    const ok = await upload([head, 'CNI-1,导入节点项目,650109,区内,线索,cn-u01-01', 'CNI-2,导入无节点项目,650109,区内,线索,'].join('\n'));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ imported: true, counts: { projects: { created: 2 } }, notices: [] });
    const stored = (await t.deps.db.execute(sql`select code, chain_node_code from projects where code like 'CNI-%' order by code`)) as unknown as { rows: unknown[] };
    expect(stored.rows).toEqual([
      { code: 'CNI-1', chain_node_code: 'CN-U01-01' },
      { code: 'CNI-2', chain_node_code: null },
    ]);
    const bad = await upload([head, 'CNI-3,坏节点项目,650109,区内,线索,NOPE-01', 'CNI-4,昌吉节点项目,650109,区内,线索,CJ-01', 'CNI-1,导入节点项目,650109,区内,线索,CN-OLD'].join('\n'));
    expect(bad.json()).toMatchObject({ imported: false, rejectedTotal: 3 });
    expect(bad.json().rejected).toEqual([
      expect.objectContaining({ row: 2, column: '产业链节点', value: 'NOPE-01', reason: '产业链节点“NOPE-01”不存在（节点编码见产业链页面）' }),
      expect.objectContaining({ row: 3, column: '产业链节点', value: 'CJ-01', reason: '产业链节点“CJ-01”所属的产业链不是米东区或其上级地区定义的，米东区的项目不能使用' }),
      expect.objectContaining({ row: 4, column: '产业链节点', value: 'CN-OLD' }),
    ]);
    const after = (await t.deps.db.execute(sql`select code, chain_node_code from projects where code like 'CNI-%' order by code`)) as unknown as { rows: unknown[] };
    expect(after.rows).toEqual(stored.rows);
    // a re-import of the project that keeps its dropped node is no change (an export imports again)
    const p = await read(oldNodeProject.id);
    const again = await upload([head, `${p.code},旧节点项目（改名）,650109,区内,线索,CN-OLD`].join('\n'));
    expect(again.json(), again.body).toMatchObject({ imported: true, rejectedTotal: 0 });
  });
});
