/**
 * Imports against the database (both runtimes): whole-or-nothing, idempotent re-import, scope,
 * dry run, the API and its guard rails, and the xlsx exports.
 */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectUserById } from '../../src/db/queries/accounts/users';
import { computeFinalCheck, computeOrgCheck } from '../../src/domain/credit-code';
import { listPermissions, type Role } from '../../src/domain/roles';
import type { Caller } from '../../src/services/context';
import { runImport } from '../../src/services/imports/run-import';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const OWN = '650109';
const SIBLING = '650102';
const CREDIT_A = '91320500MA1M111112';
const CREDIT_B = '91110108551400000T';
/** a valid code (both checks) registered in 米东区, for the upkeep test */
const VALID_UPKEEP_CODE = validUpkeepCode();
function validUpkeepCode(): string {
  const body = 'MA78UPKE';
  const first17 = `91650109${body}${computeOrgCheck(body)}`;
  return `${first17}${computeFinalCheck(first17)}`;
}
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function xlsx(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const ENT_HEAD = ['统一社会信用代码', '企业名称', '注册地区代码', '行业代码', '注册资本(万元)'];
const PROJ_HEAD = ['项目编号', '项目名称', '地区代码', '投资方', '投资方信用代码', '资金来源', '行业代码', '阶段', '计划总投资(万元)', '签约额(万元)', '签约日期', '开工日期', '包联领导'];
const FUND_HEAD = ['项目编号', '月份', '金额(万元)', '备注'];

/** A workbook with the three sheets; `p` makes project codes unique per test. */
function workbook(p: string, opts: { leader?: string; name?: string; region?: string } = {}) {
  return xlsx({
    企业: [ENT_HEAD, [CREDIT_A, '甲新能源有限公司', OWN, 'C38', '5000'], [CREDIT_B, '乙科技有限公司', OWN, '', '']],
    项目: [
      PROJ_HEAD,
      [`${p}-1`, opts.name ?? '储能装备项目', opts.region ?? OWN, '甲新能源有限公司', CREDIT_A, '区外', 'C38', '签约', '120000', '100000', '2024-03-15', '', opts.leader ?? ''],
      [`${p}-2`, '物流园项目', OWN, `${p}丙物流集团`, '', '区内', '', '在谈', '5000.5', '', '', '', ''],
      [`${p}-3`, '数据中心项目', OWN, '', '', '境外', 'I', '开工', '', '8000', '2024-01-10', '2024-02-01', ''],
    ],
    到位资金: [FUND_HEAD, [`${p}-1`, '2024-04', '100', '首期'], [`${p}-1`, '2024-04', '50.5', '补充'], [`${p}-1`, '2024-05', '10', ''], [`${p}-3`, '2024-02', '7', '']],
  });
}

function projectsCsv(p: string, n: number, bad?: { index: number; stage: string }): Buffer {
  const lines = ['项目编号,项目名称,地区代码,资金来源,阶段,签约额(万元)'];
  for (let i = 0; i < n; i++) lines.push(`${p}-${i},项目${i},${OWN},区内,${bad?.index === i ? bad.stage : '在谈'},${i}.5`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

describe.each(DATABASE_KINDS)('imports on %s', (kind) => {
  let t: TestApp;
  let officer: Caller;
  let cookie: string;

  async function callerOf(id: string): Promise<Caller> {
    const u = await selectUserById(t.deps.db, id);
    if (!u) throw new Error('no user');
    const roles = u.roles as Role[];
    return {
      actor: { id: u.id, username: u.username, displayName: u.displayName, roles, permissions: listPermissions(roles), regionCode: u.regionCode, regionPath: u.regionPath },
      clientIp: null,
      requestId: null,
    };
  }

  async function count(table: string, where = sql`true`): Promise<number> {
    const res = (await t.deps.db.execute(sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`)) as unknown as { rows: { n: number }[] };
    return Number(res.rows[0]?.n);
  }

  const upload = (body: Buffer, name: string, query = '', type = 'application/octet-stream') =>
    t.call('POST', `/api/imports${query}`, { cookie, body, headers: { 'content-type': type, 'x-file-name': encodeURIComponent(name) } });

  beforeAll(async () => {
    t = await createTestApp(kind);
    officer = await callerOf(await t.createAccount('imp_officer', ['officer'], OWN));
    await t.createAccount('lead_zhang', ['leader'], OWN);
    cookie = await t.login('imp_officer');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('imports a workbook through the service and the API with the same counts, and a re-import changes nothing', async () => {
    const viaService = await runImport(t.deps, officer, await workbook('S', { leader: 'lead_zhang' }), { fileName: '导入.xlsx' });
    expect(viaService.rejected).toEqual([]);
    expect(viaService.imported).toBe(true);
    // the first rows of each sheet as read, for the preview before importing
    expect(viaService.preview['项目']?.map((r) => r.rowNumber)).toEqual([2, 3, 4]);
    expect(viaService.preview['项目']?.[0]?.cells).toMatchObject({ 项目编号: 'S-1', 项目名称: '储能装备项目', 阶段: '签约' });
    expect(viaService.preview['到位资金']).toHaveLength(4);
    expect(viaService.kinds).toEqual(['enterprises', 'projects', 'funds']);
    expect(viaService.counts).toEqual({
      enterprises: { created: 2, updated: 0, unchanged: 0 },
      projects: { created: 3, updated: 0, unchanged: 0 },
      funds: { created: 3, updated: 0, unchanged: 0 },
    });
    // rows sharing a fund key add up; the leader is matched by name; created projects have a history row
    const [p1] = ((await t.deps.db.execute(sql`select p.id, p.leader_id, p.industry_code, p.stage, e.credit_code from projects p left join enterprises e on e.id = p.investor_id where p.code = 'S-1'`)) as unknown as { rows: Record<string, unknown>[] }).rows;
    expect(p1).toMatchObject({ industry_code: '38', stage: 'signed', credit_code: CREDIT_A });
    expect(p1?.leader_id).toBeTruthy();
    expect(await count('fund_receipts', sql`project_id = ${p1?.id as string} and month = '2024-04' and amount_yuan = 1505000 and note = '首期；补充'`)).toBe(1);
    expect(await count('project_stage_history', sql`project_id = ${p1?.id as string}`)).toBe(1);

    const res = await upload(await workbook('A', { leader: 'lead_zhang' }), '导入.xlsx', '', XLSX_TYPE);
    expect(res.statusCode, res.body).toBe(200);
    const viaApi = res.json();
    expect(viaApi.counts.projects).toEqual(viaService.counts.projects);
    expect(viaApi.counts.funds).toEqual(viaService.counts.funds);
    expect(viaApi.counts.enterprises).toEqual({ created: 0, updated: 0, unchanged: 2 });

    const auditsBefore = await count('audit_log', sql`action = 'import.run'`);
    expect(auditsBefore).toBe(2);
    const again = await upload(await workbook('A', { leader: 'lead_zhang' }), '导入.xlsx');
    expect(again.statusCode).toBe(200);
    expect(again.json().counts).toEqual({
      enterprises: { created: 0, updated: 0, unchanged: 2 },
      projects: { created: 0, updated: 0, unchanged: 3 },
      funds: { created: 0, updated: 0, unchanged: 3 },
    });
    expect(await count('audit_log', sql`action = 'import.run'`)).toBe(3);
    const [audit] = ((await t.deps.db.execute(sql`select object_type, after from audit_log where action = 'import.run' order by id desc limit 1`)) as unknown as { rows: { object_type: string; after: Record<string, unknown> }[] }).rows;
    expect(audit?.object_type).toBe('import');
    expect(audit?.after).toMatchObject({ fileName: '导入.xlsx', kinds: ['enterprises', 'projects', 'funds'] });
    expect(String(audit?.after.sha256)).toMatch(/^[0-9a-f]{64}$/);

    // a changed stage and amount: updated, with a stage-history row for the change
    const changed = await xlsx({ 项目: [PROJ_HEAD, ['A-2', '物流园项目', OWN, 'A丙物流集团', '', '区内', '', '签约', '5000.5', '300', '2024-05-01', '', '']], 到位资金: [FUND_HEAD, ['A-1', '2024-05', '11', '']] });
    const upd = await runImport(t.deps, officer, changed, { fileName: 'b.xlsx' });
    expect(upd.counts).toEqual({ projects: { created: 0, updated: 1, unchanged: 0 }, funds: { created: 0, updated: 1, unchanged: 0 } });
    expect(await count('project_stage_history', sql`project_id = (select id from projects where code = 'A-2')`)).toBe(2);
  });

  it('keeps the enterprise database right after a project import: new investors searchable, in contact, checked for near-duplicates', async () => {
    // a registered enterprise, then a project naming a near twin of it without a credit code
    await runImport(t.deps, officer, Buffer.from(`统一社会信用代码,企业名称,注册地区代码\n${VALID_UPKEEP_CODE},新疆天润储能科技有限公司,${OWN}\n`), { fileName: 'e.csv' });
    const head = '项目编号,项目名称,地区代码,投资方,资金来源,阶段';
    const res = await runImport(t.deps, officer, Buffer.from(`${head}\nUPKEEP-1,储能电站项目,${OWN},天润储能科技有限公司,区内,在谈\n`), { fileName: 'p.csv' });
    expect(res.imported, JSON.stringify(res.rejected)).toBe(true);
    const investor = (await t.deps.db.execute(sql`
      select e.id, e.search_names, e.search_pinyin, e.search_words is not null as has_words, e.contact_region_codes, e.created_by_import::text as created_by_import
      from enterprises e join projects p on p.investor_id = e.id where p.code = 'UPKEEP-1'`)) as unknown as {
      rows: { id: string; search_names: string; search_pinyin: string; has_words: boolean; contact_region_codes: string[]; created_by_import: string | null }[];
    };
    const row = investor.rows[0];
    // the investor names the project import that created it (issue 10 item 2)
    expect(row).toMatchObject({ search_names: '天润储能科技有限公司', has_words: true, contact_region_codes: [OWN], created_by_import: res.importId });
    expect(row?.search_pinyin).toContain('trcnkjyxgs');
    expect(await count('enterprise_duplicate_candidates', sql`enterprise_id = ${row?.id ?? ''} and status = 'pending'`)).toBe(1);
  });

  it('refuses fund rows that would change a month locked by an approved monthly return, and allows unchanged ones', async () => {
    const head = '项目编号,项目名称,地区代码,资金来源,阶段';
    await runImport(t.deps, officer, Buffer.from(`${head}\nLOCK-1,锁定测试项目,${OWN},区内,在谈\n`), { fileName: 'p.csv' });
    const funds = (amount: string) => Buffer.from(`项目编号,月份,金额(万元),备注\nLOCK-1,2026-02,${amount},\n`);
    expect((await runImport(t.deps, officer, funds('10'), { fileName: 'f.csv' })).imported).toBe(true);
    await t.deps.db.execute(sql`insert into monthly_returns (region_code, month, state) values (${OWN}, '2026-02', 'approved')`);
    try {
      const changed = await runImport(t.deps, officer, funds('12'), { fileName: 'f.csv' });
      expect(changed.imported).toBe(false);
      expect(changed.lockedTotal).toBe(1); // all problems are locked months: the API answers 409
      expect(changed.rejected).toEqual([
        { sheet: '到位资金', row: 2, column: '月份', value: '2026-02', reason: '米东区 2026-02 的月报已审核通过并锁定，不能导入项目 LOCK-1 该月的到位资金；如需更正请由上级（乌鲁木齐市）审核员重新开放' },
      ]);
      expect(await count('fund_receipts', sql`month = '2026-02' and amount_yuan = 100000 and project_id = (select id from projects where code = 'LOCK-1')`)).toBe(1);
      const same = await runImport(t.deps, officer, funds('10'), { fileName: 'f.csv' });
      expect(same.imported).toBe(true);
      expect(same.counts.funds).toEqual({ created: 0, updated: 0, unchanged: 1 });
    } finally {
      await t.deps.db.execute(sql`delete from monthly_returns where region_code = ${OWN} and month = '2026-02'`);
    }
  });

  it('one bad row among 10,000 writes nothing and names that row', async () => {
    const file = projectsCsv('BIG', 10_000, { index: 6_543, stage: '开发中' });
    const result = await runImport(t.deps, officer, file, { fileName: 'big.csv' });
    expect(result.imported).toBe(false);
    expect(result.rows.projects).toBe(10_000);
    expect(result.rejectedTotal).toBe(1);
    expect(result.rejected).toEqual([{ sheet: '项目', row: 6_545, column: '阶段', value: '开发中', reason: expect.stringContaining('阶段“开发中”无效') }]);
    expect(await count('projects', sql`code like 'BIG-%'`)).toBe(0);
    expect(await count('audit_log', sql`action = 'import.run' and after->>'fileName' = 'big.csv'`)).toBe(0);
  });

  it('rejects an out-of-scope region, an unknown leader, a duplicate code and a fund of an unknown project', async () => {
    const file = await xlsx({
      项目: [
        PROJ_HEAD,
        ['SC-1', '越界项目', SIBLING, '', '', '区内', '', '在谈', '', '', '', '', ''],
        ['SC-2', '项目', OWN, '', '', '区内', '', '在谈', '', '', '', '', '李四'],
        ['SC-2', '重复', OWN, '', '', '区内', '', '在谈', '', '', '', '', ''],
      ],
      到位资金: [FUND_HEAD, ['NOPE-1', '2024-01', '1', ''], ['SC-1', '2999-01', '1', '']],
    });
    const res = await upload(file, 'scope.xlsx');
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.imported).toBe(false);
    const brief = body.rejected.map((p: { sheet: string; row: number; column: string }) => `${p.sheet}:${p.row}:${p.column}`);
    expect(brief).toEqual(['项目:2:地区代码', '项目:3:包联领导', '项目:4:项目编号', '到位资金:2:项目编号', '到位资金:3:月份']);
    expect(body.rejected[0].reason).toContain('不在您的管辖范围内');
    expect(body.rejected[2].reason).toContain('第 3 行和第 4 行重复');
    expect(await count('projects', sql`code like 'SC-%'`)).toBe(0);
  });

  it('a dry run counts and writes nothing', async () => {
    const res = await upload(projectsCsv('DRY', 20), 'dry.csv', '?dryRun=true', 'text/csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, imported: false, kinds: ['projects'], counts: { projects: { created: 20, updated: 0, unchanged: 0 } } });
    expect(await count('projects', sql`code like 'DRY-%'`)).toBe(0);
  });

  it('answers 400 with the guard message for a refused file, 400 for JSON, and 403 without the permission', async () => {
    const xls = await upload(Buffer.from('a,b\n'), 'old.xls');
    expect(xls.statusCode).toBe(400);
    expect(xls.json().error.message).toContain('旧版 .xls');
    const mismatch = await upload(projectsCsv('M', 1), 'm.xlsx');
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.message).toContain('扩展名是 .xlsx，但内容是文本');
    const json = await t.call('POST', '/api/imports', { cookie, body: { a: 1 } });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.message).toContain('请求体须为文件本身');
    await t.createAccount('imp_leader', ['leader'], OWN);
    const leader = await t.login('imp_leader');
    const denied = await t.call('POST', '/api/imports', { cookie: leader, body: projectsCsv('L', 1), headers: { 'content-type': 'text/csv', 'x-file-name': 'l.csv' } });
    expect(denied.statusCode).toBe(403);
  });

  it('a 企业 sheet (or an enterprise CSV) needs 导入企业库 as well: 403 naming the sheet and the permission, audited; the template leaves the sheet out', async () => {
    await t.createAccount('imp_statistician', ['statistician'], OWN);
    const statistician = await t.login('imp_statistician');
    const post = (body: Buffer, name: string, query = '') =>
      t.call('POST', `/api/imports${query}`, { cookie: statistician, body, headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) } });
    const before = await count('enterprises');

    const withSheet = await post(await workbook('STAT'), '含企业.xlsx');
    expect(withSheet.statusCode, withSheet.body).toBe(403);
    expect(withSheet.json().error.message).toBe(
      '文件“含企业.xlsx”含“企业”工作表：导入企业需要“导入企业库”权限，您没有该权限。请删去“企业”工作表后再导入项目和到位资金，或由有该权限的同事导入。',
    );
    // a dry run is refused the same way: it would still read and check the enterprise rows
    expect((await post(await workbook('STAT'), '含企业.xlsx', '?dryRun=true')).statusCode).toBe(403);
    const csv = await post(Buffer.from(`统一社会信用代码,企业名称,注册地区代码\n${CREDIT_A},甲新能源有限公司,${OWN}\n`), '企业.csv');
    expect(csv.statusCode).toBe(403);
    expect(csv.json().error.message).toContain('文件“企业.csv”是企业数据：导入企业需要“导入企业库”权限');
    expect(await count('enterprises')).toBe(before);
    expect(await count('projects', sql`code like 'STAT-%'`)).toBe(0);
    const denied = (await t.deps.db.execute(
      sql`select a.after from audit_log a join users u on u.id = a.actor_id where u.username = 'imp_statistician' and a.action = 'access.denied' and a.object_type = 'import' order by a.id`,
    )) as unknown as { rows: { after: Record<string, unknown> }[] };
    expect(denied.rows.map((r) => r.after)).toEqual([
      { required: 'enterprises.import', fileName: '含企业.xlsx', sheet: '企业' },
      { required: 'enterprises.import', fileName: '含企业.xlsx', sheet: '企业' },
      { required: 'enterprises.import', fileName: '企业.csv', sheet: '企业' },
    ]);

    // restricted to its 项目 sheet (kind=projects), the same workbook imports
    const projectsOnly = await post(await workbook('STAT'), '含企业.xlsx', '?kind=projects');
    expect(projectsOnly.statusCode, projectsOnly.body).toBe(200);
    expect(projectsOnly.json()).toMatchObject({ kinds: ['projects'], imported: true });

    // the statistician's template has no 企业 sheet, and imports cleanly
    const tpl = await t.call('GET', '/api/imports/template.xlsx', { cookie: statistician });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['项目', '到位资金', '说明']);
    expect((await post(tpl.rawPayload, 'template.xlsx', '?dryRun=true')).statusCode).toBe(200);
  });

  it('exports the project list as xlsx with import headers, made inert against formulas', async () => {
    const file = await workbook('EXP', { name: '=HYPERLINK("http://evil","点我")' });
    expect((await runImport(t.deps, officer, file, { fileName: 'exp.xlsx' })).imported).toBe(true);
    const res = await t.call('GET', '/api/projects/export.xlsx?q=EXP-&sort=code', { cookie });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('项目');
    expect(ws).toBeDefined();
    const header = (ws?.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      ...PROJ_HEAD.slice(0, 11), '约定开工日期', '开工日期', '投产日期', '包联领导', '标签', '产业链节点', '招商方式', '重点项目', '红绿灯', '到位资金合计(万元)', '资料不全',
    ]);
    expect(ws?.rowCount).toBe(4);
    const first = ws?.getRow(2);
    expect(first?.getCell(1).value).toBe('EXP-1');
    expect(first?.getCell(2).value).toBe('\'=HYPERLINK("http://evil","点我")');
    expect(first?.getCell(2).formula).toBeUndefined();
    expect(first?.getCell(10).value).toBe(100000);
    expect(first?.getCell(19).value).toBe('否');
    expect(first?.getCell(21).value).toBe(160.5);
    // EXP-3 is an 开工 project without an investor: its gap is exported
    expect(ws?.getRow(4).getCell(22).value).toBe('缺投资方');
    // the export takes the list's filters exactly: the 待完善 list exports only the incomplete project
    const incomplete = await t.call('GET', '/api/projects/export.xlsx?q=EXP-&incomplete=true', { cookie });
    expect(incomplete.statusCode, incomplete.body).toBe(200);
    const wbIncomplete = new ExcelJS.Workbook();
    await wbIncomplete.xlsx.load(incomplete.rawPayload as unknown as ArrayBuffer);
    expect(wbIncomplete.getWorksheet('项目')?.rowCount).toBe(2);
    expect(wbIncomplete.getWorksheet('项目')?.getRow(2).getCell(1).value).toBe('EXP-3');
    expect((await t.call('GET', '/api/projects/export.xlsx?q=EXP-&source=none', { cookie })).statusCode).toBe(200);
    const sibling = await t.call('GET', `/api/projects/export.xlsx?regionCode=${SIBLING}`, { cookie });
    expect(sibling.statusCode).toBe(404);
  });

  it('serves the template with header-only data sheets and the samples on a 说明 sheet: unchanged it imports nothing, a copied sample row is refused', async () => {
    const res = await t.call('GET', '/api/imports/template.xlsx', { cookie });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['企业', '项目', '到位资金', '说明']);
    for (const name of ['企业', '项目', '到位资金']) expect(wb.getWorksheet(name)?.rowCount).toBe(1);
    expect((wb.getWorksheet('到位资金')?.getRow(1).values as unknown[]).slice(1)).toEqual(['项目编号', '月份', '金额(万元)', '备注']);
    const dry = await runImport(t.deps, officer, res.rawPayload, { fileName: 'template.xlsx', dryRun: true });
    expect(dry.rejected).toEqual([]);
    expect(dry.counts).toEqual({
      enterprises: { created: 0, updated: 0, unchanged: 0 },
      projects: { created: 0, updated: 0, unchanged: 0 },
      funds: { created: 0, updated: 0, unchanged: 0 },
    });

    // the 说明 sheet's sample rows, copied onto the data sheets, are refused (each with the reason), never imported
    const guide = wb.getWorksheet('说明');
    const rows: unknown[][] = [];
    guide?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const sampleOf = (header: string) => {
      const i = rows.findIndex((r) => r[0] === header);
      return [rows[i] as unknown[], rows[i + 1] as unknown[]];
    };
    const copied = await xlsx({ 企业: sampleOf('统一社会信用代码'), 项目: sampleOf('项目编号').slice(0, 2).map((r) => r) });
    const refused = await runImport(t.deps, officer, copied, { fileName: 'copied.xlsx', dryRun: true });
    expect(refused.imported).toBe(false);
    expect(refused.rejected.map((p) => [p.sheet, p.row, p.column])).toEqual([
      ['企业', 2, '统一社会信用代码'],
      ['项目', 2, '项目编号'],
    ]);
    expect(refused.rejected[1]?.reason).toBe('这是导入模板“说明”工作表中的示例行（项目编号“XM650109202400001”），不是真实数据：请删除该行，填入本地区的真实数据后再导入');
  });
});
