/**
 * The chains import through the API: whole file or nothing, versions only when content changes,
 * the diff, who sees and who changes a chain (defined by a province or prefecture, used below it),
 * node codes unique in the installation, and the audit.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, chainNodes, chains } from '../../src/db/schema/index';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const HEADER = '产业链编码,产业链名称,节点编码,节点名称,上级节点编码,环节,行业代码,关键产品';
const csv = (...lines: string[]) => Buffer.from([HEADER, ...lines].join('\n'), 'utf8');

const PV_V1 = csv(
  'PV,光伏产业链,PV-U01,工业硅,,上游,3218,工业硅;金属硅',
  'PV,光伏产业链,PV-U02,多晶硅,,上游,3985,多晶硅;颗粒硅',
  'PV,光伏产业链,PV-M01,电池组件,,中游,3825,光伏组件',
  'PV,光伏产业链,PV-M01-01,电池片,PV-M01,中游,3825,电池片',
  'PV,光伏产业链,PV-D01,光伏电站,,下游,4416,光伏电站',
);
// v2: PV-U01 removed, PV-U02 gains a product, PV-D02 added, name unchanged; rows in another order
const PV_V2 = csv(
  'PV,光伏产业链,PV-D02,储能,,下游,3841,储能电站',
  'PV,光伏产业链,PV-M01-01,电池片,PV-M01,中游,3825,电池片',
  'PV,光伏产业链,PV-M01,电池组件,,中游,3825,光伏组件',
  'PV,光伏产业链,PV-U02,多晶硅,,上游,3985,多晶硅;颗粒硅;三氯氢硅',
  'PV,光伏产业链,PV-D01,光伏电站,,下游,4416,光伏电站',
);

describe.each(DATABASE_KINDS)('chains import on %s', (kind) => {
  let t: TestApp;
  let urumqi: string; // analyst of 乌鲁木齐市 (prefecture)
  let midong: string; // analyst of 米东区 (county under it)
  let changji: string; // analyst of 昌吉州 (another prefecture)
  let officer: string; // officer of 米东区: reads chains only
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.createAccount('ch_urumqi', ['analyst'], '650100');
    await t.createAccount('ch_midong', ['analyst'], '650109');
    await t.createAccount('ch_changji', ['analyst'], '652300');
    await t.createAccount('ch_officer', ['officer'], '650109');
    urumqi = await t.login('ch_urumqi');
    midong = await t.login('ch_midong');
    changji = await t.login('ch_changji');
    officer = await t.login('ch_officer');
  });
  afterAll(() => t.close());

  const upload = (cookie: string, file: Buffer, query = '') =>
    t.call('POST', `/api/chains/import${query}`, { cookie, body: file, headers: { 'content-type': 'text/csv', 'x-file-name': encodeURIComponent('光伏.csv') } });

  it('imports a new chain as version 1, defined by the importer’s prefecture, and audits it', async () => {
    const dry = await upload(urumqi, PV_V1, '?dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, ok: true, chains: [{ code: 'PV', status: 'created', version: 1, nodeCount: 5 }] });
    expect(await t.database.db.select().from(chains)).toHaveLength(0);

    const res = await upload(urumqi, PV_V1);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, problems: [], chains: [{ code: 'PV', name: '光伏产业链', status: 'created', version: 1, nodeCount: 5, added: 5 }] });
    const [chain] = await t.database.db.select().from(chains).where(eq(chains.code, 'PV'));
    expect(chain).toMatchObject({ regionCode: '650100', currentVersion: 1 });
    const nodes = await t.database.db.select().from(chainNodes).where(eq(chainNodes.chainId, chain!.id));
    expect(nodes.find((n) => n.code === 'PV-M01-01')).toMatchObject({ parentCode: 'PV-M01', segment: 'midstream', industryCodes: ['3825'], products: ['电池片'], position: 3 });
    const audits = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'chain.import'), eq(auditLog.objectId, 'PV')));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ objectType: 'chain', regionCode: '650100', outcome: 'success' });
  });

  it('changes nothing when the same content comes again, and makes version 2 with a diff when it changed', async () => {
    const same = await upload(urumqi, PV_V1);
    expect(same.json().chains).toEqual([expect.objectContaining({ code: 'PV', status: 'unchanged', version: 1 })]);

    const next = await upload(urumqi, PV_V2);
    expect(next.statusCode, next.body).toBe(200);
    expect(next.json().chains).toEqual([{ code: 'PV', name: '光伏产业链', status: 'updated', version: 2, nodeCount: 5, added: 1, removed: 1, changed: 1 }]);

    const versions = (await t.call('GET', '/api/chains/PV/versions', { cookie: officer })).json().items;
    expect(versions.map((v: { version: number; current: boolean; source: string }) => [v.version, v.current, v.source])).toEqual([
      [2, true, 'import'],
      [1, false, 'import'],
    ]);
    const diff = (await t.call('GET', '/api/chains/PV/diff', { cookie: officer })).json();
    expect(diff).toMatchObject({ code: 'PV', from: 1, to: 2 });
    expect(diff.name).toBeUndefined();
    expect(diff.added.map((n: { code: string }) => n.code)).toEqual(['PV-D02']);
    expect(diff.removed.map((n: { code: string }) => n.code)).toEqual(['PV-U01']);
    expect(diff.changed).toEqual([{ code: 'PV-U02', products: { added: ['三氯氢硅'], removed: [] } }]);

    const current = (await t.call('GET', '/api/chains/PV', { cookie: officer })).json();
    expect(current).toMatchObject({ code: 'PV', version: 2, currentVersion: 2, nodeCount: 5, canChange: false });
    expect(current.nodes.map((n: { code: string }) => n.code)).toEqual(['PV-D02', 'PV-M01-01', 'PV-M01', 'PV-U02', 'PV-D01']);
    // the current version as a file of the import format: importing it again changes nothing
    const file = await t.call('GET', '/api/chains/PV/file', { cookie: officer });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('PV-v2.csv');
    expect(file.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(file.body.replace(/^\uFEFF/, '').split('\r\n')[1]).toBe('PV,光伏产业链,PV-D02,储能,,下游,3841,储能电站');
    expect((await upload(urumqi, file.rawPayload)).json().chains).toEqual([expect.objectContaining({ code: 'PV', status: 'unchanged', version: 2 })]);
    const v1file = await t.call('GET', '/api/chains/PV/file?version=1', { cookie: officer });
    expect(v1file.body).toContain('PV-U01,工业硅,,上游,3218,工业硅;金属硅');
    const old = (await t.call('GET', '/api/chains/PV?version=1', { cookie: officer })).json();
    expect(old.nodes.map((n: { code: string }) => n.code)).toContain('PV-U01');
    expect((await t.call('GET', '/api/chains/PV?version=9', { cookie: officer })).statusCode).toBe(404);
  });

  it('shows a chain to the regions that use it (below) and oversee it, never to another prefecture', async () => {
    const codes = async (cookie: string) => (await t.call('GET', '/api/chains', { cookie })).json().items.map((c: { code: string }) => c.code);
    expect(await codes(officer)).toEqual(['PV']);
    expect(await codes(urumqi)).toEqual(['PV']);
    expect(await codes(changji)).toEqual([]);
    expect((await t.call('GET', '/api/chains/PV', { cookie: changji })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/chains/PV/diff', { cookie: changji })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/chains', { cookie: urumqi })).json().items[0]).toMatchObject({ canChange: true, regionName: '乌鲁木齐市' });
  });

  it('refuses a county defining a chain, another prefecture changing one, and a node code of another chain', async () => {
    const county = await upload(midong, csv('MD,米东化工链,MD-01,煤化工,,上游,2522,'));
    expect(county.statusCode).toBe(422);
    expect(county.json().problems).toEqual([{ row: 2, column: '产业链编码', value: 'MD', reason: '产业链由省级或地州市级定义，您的所属地区 米东区 是县区' }]);
    expect(county.json().error.message).toContain('未导入任何产业链');

    const other = await upload(changji, csv('PV,光伏产业链,PV-U02,多晶硅,,上游,3985,多晶硅', 'CJ,昌吉硅链,PV-M01,组件,,中游,3825,组件', 'CJ,昌吉硅链,CJ-01,硅,,上游,3218,'));
    expect(other.statusCode).toBe(422);
    expect(other.json().problems).toEqual([
      { row: 2, column: '产业链编码', value: 'PV', reason: '产业链 PV 由 乌鲁木齐市 定义，不在您的管辖范围内，不能修改' },
      { row: 3, column: '节点编码', value: 'PV-M01', reason: '节点编码 PV-M01 已属于产业链 PV：节点编码在全系统唯一' },
    ]);
    // nothing of the file was written, not even the valid chain CJ
    expect((await t.database.db.select().from(chains).where(eq(chains.code, 'CJ')))).toHaveLength(0);
    // a removed node's code stays with its chain
    const removedCode = await upload(changji, csv('CJ,昌吉硅链,PV-U01,硅,,上游,3218,'));
    expect(removedCode.json().problems[0].reason).toBe('节点编码 PV-U01 已属于产业链 PV：节点编码在全系统唯一');
    const ok = await upload(changji, csv('CJ,昌吉硅链,CJ-01,硅,,上游,3218,'));
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('lists every problem of a bad file with row, column and value, in the reader’s language', async () => {
    const res = await t.call('POST', '/api/chains/import', {
      cookie: urumqi,
      body: csv('LIB,锂电池,LIB-01,正极,,中游,9999,', 'LIB,锂电池,LIB-02,负极,LIB-09,中间,,'),
      headers: { 'content-type': 'text/csv', 'x-file-name': 'lib.csv', 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().problems).toEqual([
      { row: 2, column: '行业代码', value: '9999', reason: 'Industry code “9999” is not in GB/T 4754-2017' },
      { row: 3, column: '环节', value: '中间', reason: 'Segment “中间” is invalid: it must be upstream, midstream or downstream, written in Chinese as in the template' },
    ]);
    const missing = await upload(urumqi, Buffer.from('产业链编码,节点编码\nLIB,LIB-01\n'));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('产业链名称');
  });

  it('ships the templates, which a prefecture adopts once; another takes them under its own code', async () => {
    const templates = (await t.call('GET', '/api/chain-templates', { cookie: officer })).json().items;
    expect(templates.map((x: { code: string }) => x.code)).toEqual(['AGRIFOOD', 'COALCHEM', 'H2', 'LIB', 'NEWMAT', 'PV', 'SILICONE', 'TEXTILE']);
    const lib = templates.find((x: { code: string }) => x.code === 'LIB');
    expect(lib.nodeCount).toBe(lib.segments.upstream + lib.segments.midstream + lib.segments.downstream);

    const file = await t.call('GET', '/api/chain-templates/LIB/file', { cookie: officer });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('text/csv');
    expect(file.body.split('\n')[0]).toBe(HEADER);
    // the downloaded template imports as it is (under the template's codes)
    const reimported = await upload(changji, Buffer.from(file.body.replace(/LIB/g, 'LIBX')), '?dryRun=true');
    expect(reimported.json()).toMatchObject({ ok: true, chains: [{ code: 'LIBX', status: 'created', nodeCount: lib.nodeCount }] });
    expect((await t.call('GET', '/api/chain-templates/NOPE/file', { cookie: officer })).statusCode).toBe(404);

    const adopted = await t.call('POST', '/api/chain-templates/LIB/adopt', { cookie: urumqi, body: {} });
    expect(adopted.statusCode, adopted.body).toBe(200);
    expect(adopted.json()).toMatchObject({ code: 'LIB', status: 'created', version: 1, nodeCount: lib.nodeCount });
    const chain = (await t.call('GET', '/api/chains/LIB', { cookie: officer })).json();
    expect(chain).toMatchObject({ templateCode: 'LIB', regionCode: '650100' });
    expect(chain.nodes.every((n: { code: string }) => n.code.startsWith('LIB-'))).toBe(true);
    expect((await t.call('GET', '/api/chains/LIB/versions', { cookie: officer })).json().items[0]).toMatchObject({ source: 'template', sourceName: 'LIB' });
    // adopting again brings nothing new
    expect((await t.call('POST', '/api/chain-templates/LIB/adopt', { cookie: urumqi, body: {} })).json().status).toBe('unchanged');

    const taken = await t.call('POST', '/api/chain-templates/LIB/adopt', { cookie: changji, body: {} });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toBe('产业链编码 LIB 已被使用');
    const own = await t.call('POST', '/api/chain-templates/LIB/adopt', { cookie: changji, body: { chainCode: 'libcj' } });
    expect(own.statusCode, own.body).toBe(200);
    const copy = (await t.call('GET', '/api/chains/LIBCJ', { cookie: changji })).json();
    expect(copy.nodes.map((n: { code: string }) => n.code)).toEqual(chain.nodes.map((n: { code: string }) => n.code.replace(/^LIB-/, 'LIBCJ-')));
    expect(copy.nodes.filter((n: { parentCode: string | null }) => n.parentCode).every((n: { parentCode: string }) => n.parentCode.startsWith('LIBCJ-'))).toBe(true);
    expect((await t.call('POST', '/api/chain-templates/NOPE/adopt', { cookie: urumqi, body: {} })).statusCode).toBe(404);
    const county = await t.call('POST', '/api/chain-templates/H2/adopt', { cookie: midong, body: {} });
    expect(county.statusCode).toBe(403);
    expect(county.json().error.message).toBe('产业链由省级或地州市级定义，您的所属地区 米东区 是县区');
  });

  it('lets readers read and only chain maintainers import', async () => {
    expect((await upload(officer, PV_V1)).statusCode).toBe(403);
    expect((await t.call('GET', '/api/chains', { cookie: officer })).statusCode).toBe(200);
  });
});
