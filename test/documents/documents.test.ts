/**
 * Statistics documents (issue 4 point 8): 月通报 / 季总结 / 年排名 as xlsx and PDF through
 * GET /api/documents/:kind.:format, on a small data set (米东 and 天山, one park with a formula-like name).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCjkFont, NO_FONT_MESSAGE } from '../../src/documents/cjk-font';
import { gatherNoticeData } from '../../src/documents/notice-data';
import { formatYuanAsWanInPdf, formatYuanAsYi, noticeParagraphs, renderNoticePdf } from '../../src/documents/notice-pdf';
import { renderNoticeXlsx } from '../../src/documents/notice-xlsx';
import { seedDemo, DEMO_PREFECTURE } from '../../src/seed/demo';
import { createSystemCaller } from '../../src/services/context';
import { addReceipt } from '../../src/services/funds/funds';
import { createProject, type ProjectCreateInput } from '../../src/services/projects/projects';
import { createPark } from '../../src/services/regions';
import { createTestApp, type TestApp } from '../helpers/app';
import { DATABASE_KINDS } from '../helpers/databases';

const WAN = 10_000;
const HAS_PDFTOTEXT = spawnSync('pdftotext', ['-v']).error === undefined;
const FORMULA_PARK = '=HYPERLINK("http://x")园区';

async function readXlsx(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

describe.each(DATABASE_KINDS)('statistics documents on %s', (kind) => {
  let t: TestApp;
  let reviewer: string;
  let sibling: string;
  const sys = createSystemCaller('test');

  const project = async (input: Omit<ProjectCreateInput, 'name'> & { name: string }, receipts: [string, number][] = []) => {
    const p = await createProject(t.deps, sys, input);
    for (const [month, wan] of receipts) await addReceipt(t.deps, sys, p.id, { month, amountYuan: wan * WAN });
    return p;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const park = await createPark(t.deps, sys, { parentCode: '650109', name: FORMULA_PARK });
    await project({ name: 'A', regionCode: '650109', source: 'local' }, [['2025-02', 100], ['2026-01', 300], ['2026-03', 200.1234]]);
    await project({ name: 'B', regionCode: '650102', source: 'outOfRegion' }, [['2026-03', 1000]]);
    await project({ name: 'C', regionCode: park.code, source: 'foreign' }, [['2025-03', 50], ['2026-02', 70]]);
    await project({ name: 'S', regionCode: '650109', source: 'outOfRegion', stage: 'signed', investorName: 'S投资方', signedDate: '2026-02-01', signedAmountYuan: 2_000_000_000 });
    await t.createAccount('doc_reviewer', ['reviewer'], '650100');
    await t.createAccount('doc_sibling', ['reviewer'], '650102');
    reviewer = await t.login('doc_reviewer');
    sibling = await t.login('doc_sibling');
  });
  afterAll(() => t.close());

  it('gives the monthly notice as xlsx with the header block on every sheet and the summary figures', async () => {
    const res = await t.call('GET', '/api/documents/monthly.xlsx?region=650100&month=2026-03', { cookie: reviewer });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('乌鲁木齐市2026年3月招商引资月通报.xlsx')}`);
    const wb = await readXlsx(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['总体情况', '分地区', '分来源', '签约项目规模', '月度排名']);
    wb.worksheets.forEach((ws, i) => {
      expect(ws.getCell('A2').value).toBe(`表号：招商统计 0${i + 1} 表`);
      const lastCol = ws.getRow(4).cellCount;
      const right = ws.getRow(2).getCell(Math.ceil(lastCol / 2) + 1).value;
      expect(right).toBe('制表机关：乌鲁木齐市招商引资工作领导小组办公室');
      expect(ws.getRow(3).getCell(Math.ceil(lastCol / 2) + 1).value).toBe('计量单位：万元');
      expect(ws.getCell('A3').value).toBe(i === 4 ? '统计期：2026 年 3 月' : '统计期：2026 年 1—3 月');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
    });

    const summary = (await t.call('GET', '/api/stats/summary?region=650100&from=2026-01&to=2026-03', { cookie: reviewer })).json() as { executing: { fundsYuan: number; yoyPct: number } };
    expect(summary.executing.fundsYuan).toBe(1570.1234 * WAN);
    const overview = wb.getWorksheet('总体情况')!;
    expect(overview.getCell('A1').value).toBe('乌鲁木齐市招商引资总体情况');
    expect(overview.getRow(4).values).toEqual([undefined, '指标', '单位', '本月（3 月）', '1—3 月累计']);
    const fundsRow = overview.getRow(6);
    expect(fundsRow.getCell(1).value).toBe('到位资金');
    expect(fundsRow.getCell(4).value).toBe(summary.executing.fundsYuan / WAN);
    expect(fundsRow.getCell(4).numFmt).toBe('#,##0.0000');
    expect(fundsRow.getCell(3).value).toBe(1200.1234); // March alone: 200.1234 + 1000
    expect(overview.getRow(8).getCell(4)).toMatchObject({ value: summary.executing.yoyPct, numFmt: '0.00' });

    const regions = wb.getWorksheet('分地区')!;
    const midong = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map((r) => regions.getRow(r)).find((r) => r.getCell(1).value === '米东区');
    expect(midong?.getCell(3).value).toBe(570.1234);
  });

  it('makes a formula-like park name inert in the xlsx of its county', async () => {
    const res = await t.call('GET', '/api/documents/quarterly.xlsx?region=650109&month=2026-03', { cookie: reviewer });
    expect(res.statusCode, res.body).toBe(200);
    const wb = await readXlsx(res.rawPayload);
    for (const name of ['分地区', '季度排名']) {
      const ws = wb.getWorksheet(name)!;
      const texts: unknown[] = [];
      ws.eachRow((row) => row.eachCell((c) => texts.push(c.value)));
      expect(texts).toContain(`'${FORMULA_PARK}`);
      expect(texts).not.toContain(FORMULA_PARK);
      ws.eachRow((row) => row.eachCell((c) => expect(c.formula).toBeUndefined()));
    }
  });

  it('gives the PDF with the CJK font embedded and the Chinese title', async () => {
    const res = await t.call('GET', '/api/documents/monthly.pdf?region=650100&month=2026-03', { cookie: reviewer });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('乌鲁木齐市2026年3月招商引资月通报.pdf')}`);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain(resolveCjkFont().name);
    if (!HAS_PDFTOTEXT) {
      console.warn('SKIPPED: the PDF text check needs pdftotext (apt-get install -y poppler-utils)');
      return;
    }
    const file = path.join(os.tmpdir(), `yinfeng-doc-${process.pid}-${kind}.pdf`);
    fs.writeFileSync(file, pdf);
    try {
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('乌鲁木齐市招商引资工作月通报（2026 年 3 月）');
      expect(text).toContain('1—3 月，全市执行项目 3 个，到位资金 0.16 亿元');
      expect(text).toContain('乌鲁木齐市到位资金分地区情况');
      // tables in 万元 with 2 decimals (1,570 万元 … as 1,570.00), never 4
      expect(text).toMatch(/\d\.\d{2}\b/);
      expect(text).not.toMatch(/\d\.\d{4}\b/);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('writes the paragraph from the figures, 亿元 with two decimals', async () => {
    const data = await gatherNoticeData(t.deps, sys, { kind: 'annual', region: '650100', month: '2026-03', issuer: '测试办公室' });
    expect(data.title).toBe('乌鲁木齐市招商引资工作年度排名（2026 年 1—3 月）');
    expect(data.issuer).toBe('测试办公室');
    const [first, , signed] = noticeParagraphs(data);
    expect(first).toContain('1—3 月，全市执行项目 3 个，到位资金 0.16 亿元，同比增长 946.75%。');
    expect(signed).toContain('新签约项目 1 个，签约额 20.00 亿元，其中10 亿元以上项目 1 个');
    expect(formatYuanAsYi(18_832_512_345)).toBe('188.33');
    expect(formatYuanAsYi(49_999_999)).toBe('0.50');
    // the PDF's tables: 万元 rounded half-up to 2 decimals (issue 11, item 9), never 4
    expect(formatYuanAsWanInPdf(12_345_650)).toBe('1,234.57');
    expect(formatYuanAsWanInPdf(12_345_649)).toBe('1,234.56');
    expect(formatYuanAsWanInPdf(1_000_000_000_000)).toBe('100,000,000.00');
    expect(formatYuanAsWanInPdf(0)).toBe('0.00');
    expect(formatYuanAsWanInPdf(-49)).toBe('0.00');
    expect(formatYuanAsWanInPdf(-150)).toBe('-0.02');
    expect(formatYuanAsYi(0)).toBe('0.00');
  });

  it('refuses with a clear message when no CJK font can be found, never boxes', async () => {
    const data = await gatherNoticeData(t.deps, sys, { kind: 'monthly', region: '650100', month: '2026-03' });
    const missing = '/nonexistent/yinfeng/no-font.ttf';
    await expect(renderNoticePdf(data, { YINFENG_PDF_FONT: missing })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(NO_FONT_MESSAGE) });
    const before = process.env.YINFENG_PDF_FONT;
    process.env.YINFENG_PDF_FONT = missing;
    try {
      const res = await t.call('GET', '/api/documents/monthly.pdf?region=650100&month=2026-03', { cookie: reviewer });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: { code: 'CONFLICT', message: expect.stringContaining('未找到中文字体：请安装 fonts-noto-cjk') } });
      // xlsx needs no font
      expect((await t.call('GET', '/api/documents/monthly.xlsx?region=650100&month=2026-03', { cookie: reviewer })).statusCode).toBe(200);
    } finally {
      if (before === undefined) delete process.env.YINFENG_PDF_FONT;
      else process.env.YINFENG_PDF_FONT = before;
    }
  });

  it('keeps to the region scope and validates kind, format and month', async () => {
    expect((await t.call('GET', '/api/documents/monthly.pdf?region=650100&month=2026-03')).statusCode).toBe(401);
    expect((await t.call('GET', '/api/documents/monthly.xlsx?region=650100&month=2026-03', { cookie: sibling })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/documents/monthly.xlsx?region=650102&month=2026-03', { cookie: sibling })).statusCode).toBe(200);
    expect((await t.call('GET', '/api/documents/weekly.xlsx?region=650100&month=2026-03', { cookie: reviewer })).statusCode).toBe(400);
    expect((await t.call('GET', '/api/documents/monthly.docx?region=650100&month=2026-03', { cookie: reviewer })).statusCode).toBe(400);
    expect((await t.call('GET', '/api/documents/monthly.xlsx?region=650100&month=2026-13', { cookie: reviewer })).statusCode).toBe(400);
  });
});

describe('monthly notice on the demo data (timing, printed)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    await seedDemo(t.deps);
  });
  afterAll(() => t.close());

  it('produces the full monthly notice of the demo prefecture', async () => {
    const sys = createSystemCaller('test');
    const month = '2026-10';
    for (const format of ['pdf', 'xlsx'] as const) {
      // timings are measured by scripts/bench-documents.ts, not here
      const data = await gatherNoticeData(t.deps, sys, { kind: 'monthly', region: DEMO_PREFECTURE, month });
      const buffer = format === 'pdf' ? await renderNoticePdf(data) : await renderNoticeXlsx(data);
      expect(buffer.subarray(0, 4).toString('latin1')).toBe(format === 'pdf' ? '%PDF' : 'PK\u0003\u0004');
    }
  });
});
