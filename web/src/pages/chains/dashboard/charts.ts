/** The options of the dashboard's two charts: the conversion funnel as horizontal bars, and the backtest's precision@10. */
import { escapeHtml } from '../../../components/html';
import type { EChartsOption } from '../../../components/charts/types';

const RED = '#c8102e';
const COLORS = ['#c8102e', '#d4380d', '#d46b08', '#d48806', '#389e0d', '#08979c'];

export interface FunnelBar {
  label: string;
  count: number;
  /** conversion from the step before, in percent (null on the first step or a zero base) */
  pct: number | null;
}

/** Horizontal bars, the first step on top, each labelled with its count and the conversion from the step before. */
export function buildFunnelOption(bars: FunnelBar[], pctLabel: (pct: number) => string): EChartsOption {
  const rows = [...bars].reverse();
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const tip = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number } | undefined;
        const row = tip?.dataIndex === undefined ? undefined : rows[tip.dataIndex];
        if (!row) return '';
        return `${escapeHtml(row.label)}：${row.count}${row.pct === null ? '' : `（${escapeHtml(pctLabel(row.pct))}）`}`;
      },
    },
    grid: { left: 8, right: 96, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.label) },
    series: [
      {
        type: 'bar',
        barMaxWidth: 28,
        data: rows.map((r, i) => ({ value: r.count, itemStyle: { color: COLORS[rows.length - 1 - i] ?? RED } })),
        label: {
          show: true,
          position: 'right',
          formatter: (p: unknown) => {
            const row = rows[(p as { dataIndex: number }).dataIndex];
            if (!row) return '';
            return row.pct === null ? String(row.count) : `${row.count} · ${pctLabel(row.pct)}`;
          },
        },
      },
    ],
  };
}

export interface PrecisionBar {
  label: string;
  pct: number | null;
}

/** Vertical bars of precision@10 (%) per ranking: fitted, default weights, registered capital, random. */
export function buildPrecisionOption(bars: PrecisionBar[]): EChartsOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (typeof v === 'number' ? `${v}%` : '—') },
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: bars.map((b) => b.label), axisLabel: { interval: 0, fontSize: 11 } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 36,
        data: bars.map((b, i) => ({ value: b.pct, itemStyle: { color: i === 0 ? RED : '#8c8c8c' } })),
        label: { show: true, position: 'top', formatter: (p: unknown) => { const v = (p as { value: unknown }).value; return typeof v === 'number' ? `${v}%` : '—'; } },
      },
    ],
  };
}
