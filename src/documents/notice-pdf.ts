/**
 * A statistics document as PDF (pdfmake): title, a short paragraph in formal Chinese generated from
 * the figures (亿元 with two decimals), then the same tables as the xlsx. The CJK font is embedded
 * (subset); without one installed we refuse with a clear message rather than print boxes.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type * as PdfMakeModule from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces';
import { resolveCjkFont, type FontFace } from './cjk-font';
import { monthsLabel, type NoticeData } from './notice-data';
import { BAND_NAMES, buildNoticeTables, type Cell, type NoticeTable } from './notice-tables';

/** pdfmake's in-memory file store (not in its typings): font files are read once and kept there. */
type PdfMake = typeof PdfMakeModule & { virtualfs: { existsSync(file: string): boolean; writeFileSync(file: string, content: Buffer): void } };
const require = createRequire(import.meta.url);
let pdfmakeInstance: PdfMake | null = null;
const allowedFontFiles = new Set<string>();

function pdfmake(): PdfMake {
  if (!pdfmakeInstance) {
    const p = require('pdfmake') as PdfMake;
    // no downloads, and no local file but the fonts we resolved ourselves
    p.setUrlAccessPolicy(() => false);
    p.setLocalAccessPolicy((file) => allowedFontFiles.has(file));
    pdfmakeInstance = p;
  }
  return pdfmakeInstance;
}

const fontDef = (f: FontFace): string | [string, string] => (f.postscriptName ? [f.file, f.postscriptName] : f.file);

// ---------- figures in prose ----------

/** Integer yuan as 亿元 rounded half-up to 2 decimals: 18_832_512_345 → "188.33". */
export function formatYuanAsYi(yuan: number | bigint): string {
  const v = BigInt(yuan);
  const abs = v < 0n ? -v : v;
  const cents = (abs * 2n + 1_000_000n) / 2_000_000n; // hundredths of 亿 (1 亿 = 1e8 元)
  const s = `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
  return v < 0n && cents !== 0n ? `-${s}` : s;
}

/** Integer yuan as 万元 rounded half-up to 2 decimals, grouped by thousands, for the PDF's tables: 12_345_650 → "1,234.57". */
export function formatYuanAsWanInPdf(yuan: number | bigint): string {
  const v = BigInt(yuan);
  const abs = v < 0n ? -v : v;
  const cents = (abs * 2n + 100n) / 200n; // hundredths of 万 (0.01 万元 = 100 元)
  const whole = (cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const s = `${whole}.${(cents % 100n).toString().padStart(2, '0')}`;
  return v < 0n && cents !== 0n ? `-${s}` : s;
}

const yi = (yuan: number) => `${formatYuanAsYi(yuan)} 亿元`;
const pctText = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}%`);

function growth(v: number | null): string {
  if (v === null) return '上年同期无到位资金';
  if (v === 0) return '与上年同期持平';
  return v > 0 ? `同比增长 ${v.toFixed(2)}%` : `同比下降 ${(-v).toFixed(2)}%`;
}

/** 全市 / 全州 / 全地区 / 全区 / 全县 by the region's name. */
export function wholeOf(regionName: string): string {
  if (regionName.endsWith('自治区')) return '全区';
  if (regionName.endsWith('地区')) return '全地区';
  if (regionName.endsWith('园区') || regionName.endsWith('开发区')) return '全园区';
  const last = regionName.slice(-1);
  return ['市', '州', '盟', '区', '县', '旗', '省'].includes(last) ? `全${last}` : '全域';
}

const RANK_WORD: Record<NoticeData['kind'], string> = { monthly: '月度', quarterly: '季度', annual: '年度' };

function topThree(d: NoticeData, metric: 'funds' | 'yoy'): string[] {
  return d.rankings.items
    .filter((i) => i.metrics[metric].rank !== null && i.metrics[metric].rank! <= 3)
    .sort((a, b) => (a.metrics[metric].rank ?? 0) - (b.metrics[metric].rank ?? 0))
    .slice(0, 3)
    .map((i) => i.name);
}

/** 招商活动 of the document's own period (the monthly notice's activity section), from the activity statistics. */
function activityParagraph(d: NoticeData, whole: string): string {
  const a = d.activities;
  const label = d.kind === 'monthly' ? `${monthsLabel(d.period)}当月` : monthsLabel(d.period);
  const total = a.trips.count + a.visits.count + a.receptions.count + a.events.organised + a.events.attended;
  if (total === 0) return `招商活动方面，${label}${whole}暂无招商活动记录。`;
  const led = a.trips.ledByLeadership > 0 ? `，其中四大班子领导带队 ${a.trips.ledByLeadership} 批次` : '';
  const projects =
    a.projects.talks > 0
      ? `经活动对接洽谈项目 ${a.projects.talks} 个` + (a.projects.signed > 0 ? `，签约项目 ${a.projects.signed} 个、签约额 ${yi(a.projects.signedAmountYuan)}` : '') + '。'
      : '';
  return (
    `招商活动方面，${label}${whole}开展外出招商 ${a.trips.count} 批次、${a.trips.personTrips} 人次${led}；上门拜访 ${a.visits.count} 批次，对接单位 ${a.visits.organisations} 家；` +
    `接待来访 ${a.receptions.count} 批次；主办推介洽谈等活动 ${a.events.organised} 场，参加 ${a.events.attended} 场。${projects}`
  );
}

/** The generated paragraphs, in formal Chinese, every figure from the data. */
export function noticeParagraphs(d: NoticeData): string[] {
  const whole = wholeOf(d.regionName);
  const y = d.ytd;
  const ytdLabel = monthsLabel(d.ytdPeriod);
  const paras: string[] = [];
  let p1 =
    `${ytdLabel}，${whole}执行项目 ${y.executing.projects} 个，到位资金 ${yi(y.executing.fundsYuan)}，${growth(y.executing.yoyPct)}。` +
    `其中，新建项目 ${y.newProjects.projects} 个，到位资金 ${yi(y.newProjects.fundsYuan)}；续建项目 ${y.continuedProjects.projects} 个，到位资金 ${yi(y.continuedProjects.fundsYuan)}。`;
  if (d.periodSummary !== y) {
    const p = d.periodSummary;
    const label = d.kind === 'monthly' ? `${monthsLabel(d.period)}当月` : `本季度（${monthsLabel(d.period)}）`;
    p1 += `${label}，执行项目 ${p.executing.projects} 个，到位资金 ${yi(p.executing.fundsYuan)}，${growth(p.executing.yoyPct)}。`;
  }
  paras.push(p1);
  const s = y.bySource;
  paras.push(
    `从资金来源看，区内到位资金 ${yi(s.local.fundsYuan)}，${growth(s.local.yoyPct)}；区外到位资金 ${yi(s.outOfRegion.fundsYuan)}，${growth(s.outOfRegion.yoyPct)}；` +
      `境外到位资金 ${yi(s.foreign.fundsYuan)}，${growth(s.foreign.yoyPct)}。` +
      (y.unknownSource.projects > 0 ? `另有 ${y.unknownSource.projects} 个项目未填资金来源，到位资金 ${yi(y.unknownSource.fundsYuan)}。` : ''),
  );
  const sg = y.signed;
  if (sg.projects === 0) {
    paras.push(`${ytdLabel}，${whole}暂无新签约项目。`);
  } else {
    const ten = sg.bands[1];
    paras.push(
      `${ytdLabel}，${whole}新签约项目 ${sg.projects} 个，签约额 ${yi(sg.amountYuan)}` +
        (ten && ten.projects > 0 ? `，其中${BAND_NAMES[1]}项目 ${ten.projects} 个、签约额 ${yi(ten.amountYuan)}` : '') +
        `；签约项目开工率 ${pctText(sg.startRatePct)}，履约率 ${pctText(sg.fulfilmentRatePct)}。`,
    );
  }
  paras.push(activityParagraph(d, whole));
  if (y.target) {
    const t = y.target;
    const ahead = t.aheadPts === null ? '' : t.aheadPts >= 0 ? `，超序时进度 ${t.aheadPts.toFixed(2)} 个百分点` : `，落后序时进度 ${(-t.aheadPts).toFixed(2)} 个百分点`;
    paras.push(`${whole}年度到位资金目标 ${yi(t.annualYuan)}，已完成 ${pctText(t.completionPct)}，序时进度 ${pctText(t.schedulePct)}${ahead}。`);
  } else {
    paras.push(`${whole}本年度到位资金目标尚未下达。`);
  }
  const funds = topThree(d, 'funds');
  if (funds.length > 0) {
    const yoy = topThree(d, 'yoy');
    paras.push(
      `从${RANK_WORD[d.kind]}排名看（${monthsLabel(d.rankings.current)}），到位资金居前列的是${funds.join('、')}` +
        (yoy.length > 0 ? `；同比增速居前列的是${yoy.join('、')}` : '') +
        '。各地要对标先进、比学赶超，确保完成全年目标任务。',
    );
  }
  return paras;
}

// ---------- tables ----------

function cellText(c: Cell): { text: string; alignment: 'left' | 'right' | 'center' } {
  if (c.t === 'text') return { text: c.v, alignment: 'left' };
  if (c.v === null) return { text: '—', alignment: 'center' };
  switch (c.t) {
    case 'count':
      return { text: String(c.v), alignment: 'right' };
    case 'wan':
      return { text: formatYuanAsWanInPdf(c.v), alignment: 'right' };
    case 'pct':
      return { text: c.v.toFixed(2), alignment: 'right' };
    case 'change':
      return { text: c.v > 0 ? `↑${c.v}` : c.v < 0 ? `↓${-c.v}` : '—', alignment: 'center' };
  }
}

const PORTRAIT_WIDTH = 595.28 - 2 * 56;
const LANDSCAPE_WIDTH = 841.89 - 2 * 56;
const CELL_PADDING = 4 * 2 + 1;
const TABLE_FONT = 8.5;
const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Approximate width of a text in the CJK font: ideographs and full-width forms one em, the rest ~0.56 em. */
function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? fontSize : fontSize * 0.56;
  return w;
}

/**
 * Column widths: every column at least as wide as its longest figure (figures never wrap) and room for
 * four characters of its header; the first (name) column takes what is left. Portrait when that fits
 * the page, landscape otherwise.
 */
export function layoutColumns(table: NoticeTable): { widths: number[]; landscape: boolean } {
  const natural = table.columns.map((c, i) => {
    const cells = table.rows.map((r) => r[i]).filter((c): c is Cell => c !== undefined);
    const longest = Math.max(0, ...cells.filter((c) => c.t !== 'text').map((c) => textWidth(cellText(c).text, TABLE_FONT)));
    const header = Math.min(textWidth(c.header, TABLE_FONT), 4 * TABLE_FONT);
    return Math.ceil(Math.max(longest, header) + 1);
  });
  const nameMin = 7 * TABLE_FONT;
  const others = natural.slice(1).reduce((a, w) => a + w, 0);
  const padding = table.columns.length * CELL_PADDING;
  const fits = (page: number) => page - padding - others >= nameMin;
  const landscape = !fits(PORTRAIT_WIDTH);
  const available = (landscape ? LANDSCAPE_WIDTH : PORTRAIT_WIDTH) - padding;
  if (available - others >= nameMin) {
    // spread the room: the name column gets up to 16 characters, the rest goes to the figures evenly
    const name = Math.min(available - others, Math.max(nameMin, natural[0] ?? 0, 16 * TABLE_FONT));
    const spare = (available - others - name) / Math.max(1, table.columns.length - 1);
    return { widths: [Math.floor(name), ...natural.slice(1).map((w) => Math.floor(w + spare))], landscape };
  }
  const scale = available / (others + nameMin);
  return { widths: [Math.floor(nameMin * scale), ...natural.slice(1).map((w) => Math.floor(w * scale))], landscape };
}

function tableBlock(d: NoticeData, table: NoticeTable, index: number): Content[] {
  const { widths, landscape } = layoutColumns(table);
  const header: TableCell[] = table.columns.map((c) => ({ text: c.header, style: 'th' }));
  const body: TableCell[][] = [
    header,
    ...table.rows.map((cells, ri) =>
      cells.map((c): TableCell => {
        const v = cellText(c);
        return { text: v.text, alignment: v.alignment, bold: table.boldRows.includes(ri) || (c.t === 'text' && c.bold === true), preserveLeadingSpaces: true };
      }),
    ),
  ];
  const blocks: Content[] = [
    {
      text: `表${CHINESE_NUMBERS[index] ?? index + 1}\u3000${d.regionName}${table.title}`,
      style: 'caption',
      // every table starts a page of its own, portrait or landscape as its width needs
      pageBreak: 'before',
      pageOrientation: landscape ? 'landscape' : 'portrait',
    },
    {
      columns: [
        { text: `表号：${table.tableNumber}`, style: 'meta' },
        { text: `制表机关：${d.issuer}`, style: 'meta', alignment: 'right' },
      ],
    },
    {
      columns: [
        { text: `统计期：${table.periodLabel}`, style: 'meta' },
        { text: '计量单位：万元', style: 'meta', alignment: 'right' },
      ],
      margin: [0, 0, 0, 3],
    },
    {
      table: { headerRows: 1, widths, body, dontBreakRows: true },
      layout: {
        hLineWidth: () => 0.5,
        vLineWidth: () => 0.5,
        hLineColor: () => '#555555',
        vLineColor: () => '#555555',
        fillColor: (row: number) => (row === 0 ? '#eeeeee' : null),
        paddingTop: () => 2,
        paddingBottom: () => 2,
      },
      style: 'table',
    },
  ];
  if (table.note) blocks.push({ text: table.note, style: 'note' });
  return blocks;
}

export function noticeDocDefinition(d: NoticeData, fontFamily = 'CJK'): TDocumentDefinitions {
  const tables = buildNoticeTables(d);
  const date = d.generatedAt.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });
  const content: Content[] = [
    { text: d.title, style: 'title' },
    { text: `${d.issuer}\u3000\u3000${date}`, style: 'subtitle' },
    ...noticeParagraphs(d).map((p): Content => ({ text: p, style: 'body', leadingIndent: 24 })),
  ];
  tables.forEach((t, i) => content.push(...tableBlock(d, t, i)));
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [56, 56, 56, 56],
    info: { title: d.title, author: d.issuer, creator: '引凤 Yinfeng', producer: '引凤 Yinfeng' },
    content,
    footer: (currentPage: number) => ({ text: `— ${currentPage} —`, alignment: 'center', fontSize: 9, margin: [0, 20, 0, 0] }),
    defaultStyle: { font: fontFamily, fontSize: 10, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 8] },
      subtitle: { fontSize: 11, alignment: 'center', color: '#333333', margin: [0, 0, 0, 14] },
      body: { fontSize: 12, lineHeight: 1.6, alignment: 'justify', margin: [0, 0, 0, 4] },
      caption: { fontSize: 13, bold: true, alignment: 'center', margin: [0, 16, 0, 6] },
      meta: { fontSize: 8.5, color: '#333333' },
      th: { bold: true, alignment: 'center', fontSize: TABLE_FONT },
      table: { fontSize: TABLE_FONT },
      note: { fontSize: 8, color: '#444444', margin: [0, 4, 0, 0] },
    },
  };
}

export async function renderNoticePdf(d: NoticeData, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  return renderCjkPdf(noticeDocDefinition(d), env);
}

/** Any document definition (font family 'CJK') as PDF with the CJK font embedded; also used by the briefings. */
export async function renderCjkPdf(definition: TDocumentDefinitions, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const font = resolveCjkFont(env); // throws the "install fonts-noto-cjk" message when there is none
  const p = pdfmake();
  for (const file of [font.normal.file, font.bold.file]) {
    allowedFontFiles.add(file);
    // read once per process (a CJK collection is ~20 MB); pdfmake looks a font's path up there first
    if (!p.virtualfs.existsSync(file)) p.virtualfs.writeFileSync(file, fs.readFileSync(file));
  }
  // fresh arrays each time: pdfmake replaces entries of these arrays while loading the font
  // a face of a collection is given as [file, PostScript name], which pdfmake 0.3 passes on to pdfkit (not in its typings)
  const fonts = { CJK: { normal: fontDef(font.normal), bold: fontDef(font.bold), italics: fontDef(font.normal), bolditalics: fontDef(font.bold) } };
  p.setFonts(fonts as unknown as TFontDictionary);
  const doc = p.createPdf(definition);
  return doc.getBuffer();
}
