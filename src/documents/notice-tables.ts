/**
 * The tables of a statistics document, as typed cells: the xlsx and the PDF render the same
 * tables, so both say the same thing. Amounts stay integer yuan here; each renderer shows 万元.
 */
import { percentHalfUp } from '../domain/money';
import { monthsLabel, periodLabel, type NoticeData } from './notice-data';

export type Cell =
  | { t: 'text'; v: string; bold?: boolean }
  | { t: 'count'; v: number | null }
  | { t: 'wan'; v: number | null } // integer yuan, shown in 万元
  | { t: 'pct'; v: number | null } // percent or points, 2 decimals
  | { t: 'change'; v: number | null }; // rank change, positive = up

export interface NoticeTable {
  /** sheet name */
  name: string;
  /** heading after the region name, e.g. 到位资金分地区情况 */
  title: string;
  /** 表号 */
  tableNumber: string;
  /** 统计期 of this table */
  periodLabel: string;
  columns: { header: string; width: number }[];
  rows: Cell[][];
  /** rows drawn in bold (totals) */
  boldRows: number[];
  note?: string;
}

const text = (v: string, bold?: boolean): Cell => (bold ? { t: 'text', v, bold } : { t: 'text', v });
const count = (v: number | null): Cell => ({ t: 'count', v });
const wan = (v: number | null): Cell => ({ t: 'wan', v });
const pct = (v: number | null): Cell => ({ t: 'pct', v });
const tableNo = (n: number) => `招商统计 ${String(n).padStart(2, '0')} 表`;

export const BAND_NAMES = ['1 亿元以上', '10 亿元以上', '50 亿元以上', '100 亿元以上'];
const PERIOD_COLUMN: Record<NoticeData['kind'], string> = { monthly: '本月', quarterly: '本季度', annual: '本年' };

function overview(d: NoticeData): NoticeTable {
  const cumulative = `${monthsLabel(d.ytdPeriod)}累计`;
  const both = d.periodSummary !== d.ytd;
  const columns = [
    { header: '指标', width: 30 },
    { header: '单位', width: 10 },
    ...(both ? [{ header: `${PERIOD_COLUMN[d.kind]}（${monthsLabel(d.period)}）`, width: 22 }] : []),
    { header: cumulative, width: 22 },
  ];
  const p = d.periodSummary;
  const y = d.ytd;
  const row = (label: string, unit: string, make: (v: number | null) => Cell, pick: (s: typeof y) => number | null, ytdOnly = false): Cell[] => [
    text(label),
    text(unit),
    ...(both ? [make(ytdOnly ? null : pick(p))] : []),
    make(pick(y)),
  ];
  const rows: Cell[][] = [
    row('执行项目', '个', count, (s) => s.executing.projects),
    row('到位资金', '万元', wan, (s) => s.executing.fundsYuan),
    row('上年同期到位资金', '万元', wan, (s) => s.executing.lastYearFundsYuan),
    row('到位资金同比增长', '%', pct, (s) => s.executing.yoyPct),
    row('其中：新建项目', '个', count, (s) => s.newProjects.projects),
    row('　　　新建项目到位资金', '万元', wan, (s) => s.newProjects.fundsYuan),
    row('　　　续建项目', '个', count, (s) => s.continuedProjects.projects),
    row('　　　续建项目到位资金', '万元', wan, (s) => s.continuedProjects.fundsYuan),
    row('签约项目', '个', count, (s) => s.signed.projects),
    row('签约额', '万元', wan, (s) => s.signed.amountYuan),
    row('其中：世界500强、中国500强、民营500强、央企项目', '个', count, (s) => s.signed.topInvestorProjects),
    row('开工率', '%', pct, (s) => s.signed.startRatePct),
    row('履约率', '%', pct, (s) => s.signed.fulfilmentRatePct),
    row('资金到位率', '%', pct, (s) => s.signed.fundsArrivalRatePct ?? null),
    row('年度到位资金目标', '万元', wan, (s) => s.target?.annualYuan ?? null, true),
    row('目标完成率', '%', pct, (s) => s.target?.completionPct ?? null, true),
    row('序时进度', '%', pct, (s) => s.target?.schedulePct ?? null, true),
    row('超（欠）序时进度', '百分点', pct, (s) => s.target?.aheadPts ?? null, true),
  ];
  return {
    name: '总体情况',
    title: '招商引资总体情况',
    tableNumber: tableNo(1),
    periodLabel: periodLabel(d.ytdPeriod),
    columns,
    rows,
    boldRows: [],
    note: y.target ? undefined : '注：本年度到位资金目标尚未下达，目标完成情况以“—”表示。',
  };
}

function bySubRegion(d: NoticeData): NoticeTable {
  const b = d.breakdowns;
  const totalYoy = b.total.lastYearFundsYuan === 0 ? null : percentHalfUp(BigInt(b.total.fundsYuan - b.total.lastYearFundsYuan), BigInt(b.total.lastYearFundsYuan));
  const rows: Cell[][] = [
    [text('合计', true), count(d.ytd.executing.projects), wan(b.total.fundsYuan), wan(b.total.lastYearFundsYuan), pct(totalYoy), pct(b.total.fundsYuan === 0 ? null : 100), pct(b.total.fundsYuan === b.total.lastYearFundsYuan ? null : 100), pct(totalYoy)],
    ...b.bySubRegion.map((r) => [text(r.name), count(r.projects), wan(r.fundsYuan), wan(r.lastYearFundsYuan), pct(r.yoyPct), pct(r.sharePct), pct(r.contributionPct), pct(r.pullPts)]),
  ];
  return {
    name: '分地区',
    title: '到位资金分地区情况',
    tableNumber: tableNo(2),
    periodLabel: periodLabel(d.ytdPeriod),
    columns: [
      { header: '地区', width: 24 },
      { header: '执行项目（个）', width: 14 },
      { header: '到位资金', width: 20 },
      { header: '上年同期', width: 20 },
      { header: '同比增长（%）', width: 14 },
      { header: '占比（%）', width: 12 },
      { header: '贡献率（%）', width: 12 },
      { header: '拉动（百分点）', width: 14 },
    ],
    rows,
    boldRows: [0],
    note: '注：占比为占本地区到位资金的比重；贡献率为该地区到位资金增量占本地区增量的比重；拉动为该地区增量与本地区上年同期到位资金之比。',
  };
}

function bySource(d: NoticeData): NoticeTable {
  const s = d.ytd;
  const total = BigInt(s.executing.fundsYuan);
  const share = (v: number) => percentHalfUp(BigInt(v), total);
  const line = (label: string, b: { projects: number; fundsYuan: number; yoyPct?: number | null }, bold = false): Cell[] => [
    text(label, bold),
    count(b.projects),
    wan(b.fundsYuan),
    pct(share(b.fundsYuan)),
    pct(b.yoyPct ?? null),
  ];
  const rows: Cell[][] = [
    line('合计', s.executing, true),
    line('国内（区内＋区外）', s.domestic),
    line('　区内', s.bySource.local),
    line('　区外', s.bySource.outOfRegion),
    line('境外', s.bySource.foreign),
  ];
  if (s.unknownSource.projects > 0) rows.push(line('未填资金来源', s.unknownSource));
  return {
    name: '分来源',
    title: '到位资金分来源情况',
    tableNumber: tableNo(3),
    periodLabel: periodLabel(d.ytdPeriod),
    columns: [
      { header: '资金来源', width: 24 },
      { header: '执行项目（个）', width: 14 },
      { header: '到位资金', width: 20 },
      { header: '占比（%）', width: 12 },
      { header: '同比增长（%）', width: 14 },
    ],
    rows,
    boldRows: [0],
  };
}

function signedBands(d: NoticeData): NoticeTable {
  const s = d.ytd.signed;
  const rows: Cell[][] = [
    [text('签约项目合计', true), count(s.projects), wan(s.amountYuan), pct(s.amountYuan === 0 ? null : 100)],
    ...s.bands.map((b, i) => [text(BAND_NAMES[i] ?? `${b.minYuan / 100_000_000} 亿元以上`), count(b.projects), wan(b.amountYuan), pct(b.sharePct)]),
  ];
  return {
    name: '签约项目规模',
    title: '签约项目规模情况',
    tableNumber: tableNo(4),
    periodLabel: periodLabel(d.ytdPeriod),
    columns: [
      { header: '签约规模', width: 24 },
      { header: '项目（个）', width: 14 },
      { header: '签约额', width: 20 },
      { header: '占签约总额（%）', width: 16 },
    ],
    rows,
    boldRows: [0],
    note: `注：签约项目为签约日期在统计期内的项目；开工率 ${fmtPct(s.startRatePct)}，履约率 ${fmtPct(s.fulfilmentRatePct)}。规模档次为累计口径（10 亿元以上项目同时计入 1 亿元以上）。`,
  };
}

function fmtPct(v: number | null): string {
  return v === null ? '—' : `${v.toFixed(2)}%`;
}

const RANK_LABEL: Record<NoticeData['kind'], string> = { monthly: '月度', quarterly: '季度', annual: '年度' };

function ranking(d: NoticeData): NoticeTable {
  const items = [...d.rankings.items].sort((a, b) => {
    const ra = a.metrics.funds.rank ?? Number.MAX_SAFE_INTEGER;
    const rb = b.metrics.funds.rank ?? Number.MAX_SAFE_INTEGER;
    return ra - rb || (a.code < b.code ? -1 : 1);
  });
  const rows: Cell[][] = items.map((it) => {
    const m = it.metrics;
    return [
      text(it.name),
      wan(m.funds.value),
      count(m.funds.rank),
      { t: 'change', v: m.funds.change },
      pct(m.yoy.value),
      count(m.yoy.rank),
      pct(m.completion.value),
      count(m.completion.rank),
      wan(m.signedAmount.value),
      count(m.signedAmount.rank),
      pct(m.startRate.value),
      count(m.startRate.rank),
    ];
  });
  return {
    name: `${RANK_LABEL[d.kind]}排名`,
    title: `各地区招商引资${RANK_LABEL[d.kind]}排名`,
    tableNumber: tableNo(5),
    periodLabel: periodLabel(d.rankings.current),
    columns: [
      { header: '地区', width: 22 },
      { header: '到位资金', width: 18 },
      { header: '名次', width: 7 },
      { header: '名次变化', width: 9 },
      { header: '同比增长（%）', width: 13 },
      { header: '名次', width: 7 },
      { header: '目标完成率（%）', width: 14 },
      { header: '名次', width: 7 },
      { header: '签约额', width: 18 },
      { header: '名次', width: 7 },
      { header: '开工率（%）', width: 11 },
      { header: '名次', width: 7 },
    ],
    rows,
    boldRows: [],
    note: `注：按到位资金名次排列；名次变化与上一期（${periodLabel(d.rankings.previous)}）相比，正数为上升；无数据的指标不参与排名，以“—”表示。`,
  };
}

export function buildNoticeTables(d: NoticeData): NoticeTable[] {
  return [overview(d), bySubRegion(d), bySource(d), signedBands(d), ranking(d)];
}
