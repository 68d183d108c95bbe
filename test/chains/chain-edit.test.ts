/**
 * The chain editor's API (PUT /api/chains/:code): the whole chain saved as the next version through
 * the import's rules and write path, the optimistic check of the base version, who may edit, the
 * errors naming node and field, and the audit.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, chainVersions, chains } from '../../src/db/schema/index';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const HEADER = '产业链编码,产业链名称,节点编码,节点名称,上级节点编码,环节,行业代码,关键产品';
const csv = (...lines: string[]) => Buffer.from([HEADER, ...lines].join('\n'), 'utf8');

const SI_V1 = csv(
  'SI,有机硅产业链,SI-U01,工业硅,,上游,3218,工业硅;金属硅',
  'SI,有机硅产业链,SI-M01,有机硅单体,,中游,2614,有机硅单体',
  'SI,有机硅产业链,SI-M01-01,硅橡胶,SI-M01,中游,2653,硅橡胶',
  'SI,有机硅产业链,SI-D01,硅材料应用,,下游,3985,',
);
const OTHER = csv('CJ,昌吉链,CJ-01,节点,,上游,3218,');

interface Node {
  code: string;
  name: string;
  parentCode: string | null;
  segment: 'upstream' | 'midstream' | 'downstream';
  industryCodes: string[];
  products: string[];
}

describe.each(DATABASE_KINDS)('chain editor API on %s', (kind) => {
  let t: TestApp;
  let urumqi: string; // analyst of 乌鲁木齐市: defines SI
  let midong: string; // analyst of 米东区: uses SI, cannot change it
  let changji: string; // analyst of 昌吉州: does not see SI
  let officer: string; // officer of 米东区: no chains.manage
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('ed_urumqi', ['analyst'], '650100');
    await t.createAccount('ed_midong', ['analyst'], '650109');
    await t.createAccount('ed_changji', ['analyst'], '652300');
    await t.createAccount('ed_officer', ['officer'], '650109');
    urumqi = await t.login('ed_urumqi');
    midong = await t.login('ed_midong');
    changji = await t.login('ed_changji');
    officer = await t.login('ed_officer');
    const upload = (cookie: string, file: Buffer) =>
      t.call('POST', '/api/chains/import', { cookie, body: file, headers: { 'content-type': 'text/csv', 'x-file-name': 'si.csv' } });
    expect((await upload(urumqi, SI_V1)).statusCode).toBe(200);
    expect((await upload(changji, OTHER)).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  const current = async () => (await t.call('GET', '/api/chains/SI', { cookie: urumqi })).json() as { version: number; name: string; nodes: Node[] };
  const put = (cookie: string, body: unknown, query = '') => t.call('PUT', `/api/chains/SI${query}`, { cookie, body });
  const versionCount = async () => {
    const [chain] = await t.database.db.select().from(chains).where(eq(chains.code, 'SI'));
    return (await t.database.db.select().from(chainVersions).where(eq(chainVersions.chainId, chain!.id))).length;
  };
  const editAudits = () => t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'chain.edit'), eq(auditLog.objectId, 'SI')));

  it('saves the edited chain as version 2 with the diff, keeps the order, and audits it', async () => {
    const v1 = await current();
    expect(v1.version).toBe(1);
    const nodes: Node[] = v1.nodes.map((n) => (n.code === 'SI-U01' ? { ...n, name: '工业硅（金属硅）' } : n));
    // SI-M01-01 moves from under SI-M01 to the top of 中游; a new downstream node under SI-D01
    const moved = nodes.map((n) => (n.code === 'SI-M01-01' ? { ...n, parentCode: null } : n));
    moved.push({ code: 'si-d01-01', name: '硅基新材料', parentCode: 'SI-D01', segment: 'downstream', industryCodes: ['C2653', '2614'], products: ['硅油', '硅树脂'] });

    const dry = await put(urumqi, { baseVersion: 1, name: v1.name, nodes: moved }, '?dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ status: 'updated', version: 2 });
    expect(await versionCount()).toBe(1);

    const res = await put(urumqi, { baseVersion: 1, name: v1.name, nodes: moved });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ code: 'SI', name: '有机硅产业链', status: 'updated', version: 2, baseVersion: 1, nodeCount: 5, added: 1, removed: 0, changed: 2 });

    const diff = (await t.call('GET', '/api/chains/SI/diff?from=1&to=2', { cookie: officer })).json();
    expect(diff.added).toEqual([{ code: 'SI-D01-01', name: '硅基新材料', parentCode: 'SI-D01', segment: 'downstream', industryCodes: ['2653', '2614'], products: ['硅油', '硅树脂'] }]);
    expect(diff.changed).toEqual([
      { code: 'SI-U01', name: { before: '工业硅', after: '工业硅（金属硅）' } },
      { code: 'SI-M01-01', parentCode: { before: 'SI-M01', after: null } },
    ]);
    const v2 = await current();
    expect(v2.nodes.map((n) => n.code)).toEqual(['SI-U01', 'SI-M01', 'SI-M01-01', 'SI-D01', 'SI-D01-01']);
    const versions = (await t.call('GET', '/api/chains/SI/versions', { cookie: officer })).json().items;
    expect(versions[0]).toMatchObject({ version: 2, current: true, source: 'edit', createdByName: 'ed_urumqi' });

    const audits = await editAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ objectType: 'chain', regionCode: '650100', outcome: 'success' });
    expect(audits[0]!.before).toMatchObject({ version: 1 });
    expect(audits[0]!.after).toMatchObject({ version: 2, addedNodes: ['SI-D01-01'], changedNodes: ['SI-U01', 'SI-M01-01'], removedNodes: [] });

    // the same content again: nothing new
    const same = await put(urumqi, { baseVersion: 2, name: v2.name, nodes: [...v2.nodes].reverse() });
    expect(same.json()).toMatchObject({ status: 'unchanged', version: 2 });
    expect(await versionCount()).toBe(2);
    expect(await editAudits()).toHaveLength(1);
  });

  it('refuses an edit based on an older version with 409 naming who saved which version, and writes nothing', async () => {
    const v2 = await current();
    const stale = await put(urumqi, { baseVersion: 1, name: '改名的有机硅链', nodes: v2.nodes });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(stale.json().error.message).toMatch(/^产业链 SI 已由 ed_urumqi 于 .+ 保存为第 2 版，您的修改基于第 1 版，未保存/);
    expect(await versionCount()).toBe(2);
    expect((await current()).name).toBe('有机硅产业链');
    expect(await editAudits()).toHaveLength(1);
  });

  it('lets only the defining region (or above) with chains.manage edit', async () => {
    const v2 = await current();
    const body = { baseVersion: 2, name: '别人的改动', nodes: v2.nodes };
    const county = await put(midong, body);
    expect(county.statusCode).toBe(403);
    expect(county.json().error.message).toBe('产业链 SI 由 乌鲁木齐市 定义，不在您的管辖范围内，不能修改');
    expect((await put(changji, body)).statusCode).toBe(404);
    expect((await put(officer, body)).statusCode).toBe(403);
    expect(await versionCount()).toBe(2);
    expect(await editAudits()).toHaveLength(1);
  });

  it('names the node and the field of every problem, in Chinese, and writes nothing', async () => {
    const v2 = await current();
    const nodes = v2.nodes.map((n) => {
      if (n.code === 'SI-M01') return { ...n, industryCodes: ['9999'] };
      if (n.code === 'SI-D01-01') return { ...n, segment: 'upstream' as const }; // its parent SI-D01 is downstream
      return n;
    });
    nodes.push({ code: 'CJ-01', name: '昌吉的节点', parentCode: null, segment: 'upstream', industryCodes: [], products: [] });
    const res = await put(urumqi, { baseVersion: 2, name: v2.name, nodes });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('产业链 SI 有 2 个问题，未保存');
    const details = res.json().error.details as { field: string; message: string }[];
    expect(details.map((d) => d.field)).toEqual(['nodes.1.industryCodes', 'nodes.4.segment']);
    expect(details[0]!.message).toBe('节点 SI-M01 的“行业代码”：行业代码“9999”不在 GB/T 4754-2017 中');
    expect(details[1]!.message).toMatch(/^节点 SI-D01-01 的“环节”：.*SI-D01/);

    // the file rules passed: a node code of another chain is found by the write path
    const fixed = nodes.map((n) => (n.code === 'SI-M01' ? { ...n, industryCodes: ['2614'] } : n.code === 'SI-D01-01' ? { ...n, segment: 'downstream' as const } : n));
    const taken = await put(urumqi, { baseVersion: 2, name: v2.name, nodes: fixed });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error.details).toEqual([{ field: 'nodes.5.code', message: '节点 CJ-01 的“节点编码”：节点编码 CJ-01 已属于产业链 CJ：节点编码在全系统唯一' }]);

    const unnamed = await put(urumqi, { baseVersion: 2, name: '', nodes: [{ code: '', name: '空', parentCode: null, segment: 'upstream', industryCodes: [], products: [] }] });
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().error.details).toEqual([
      { field: 'name', message: '“产业链名称”：“产业链名称”必填' },
      { field: 'nodes.0.code', message: '节点 第 1 个（未填编码） 的“节点编码”：“节点编码”必填' },
    ]);
    const empty = await put(urumqi, { baseVersion: 2, name: v2.name, nodes: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details).toEqual([{ field: 'nodes', message: '产业链至少要有一个节点' }]);
    const badSegment = await put(urumqi, { baseVersion: 2, name: v2.name, nodes: [{ ...v2.nodes[0], segment: 'sideways' }] });
    expect(badSegment.statusCode).toBe(400);

    expect(await versionCount()).toBe(2);
    expect(await editAudits()).toHaveLength(1);
  });
});
