import { escapeHtml } from '../html';
import { formatYuan } from '../money';
import { translate } from '../../i18n/translate';
import { labelColon, unitWan, unitYi, yearName } from '../../i18n/units';
import { monthLabels, yuanToYiNumber } from '../stats';
import type { EChartsOption } from './types';

const RED = '#c8102e';
const GREY = '#8c8c8c';

interface Tip {
  seriesName?: string;
  name?: string;
  marker?: unknown;
  data?: unknown;
}

function asTips(params: unknown): Tip[] {
  return (Array.isArray(params) ? params : [params]) as Tip[];
}

/** Tooltip value: the exact amount in yuan is carried as `yuan` on each data item (plain text: escape it). */
function tipAmount(tip: Tip): string {
  const data = tip.data as { yuan?: number | null } | null | undefined;
  return data && typeof data.yuan === 'number' ? formatYuan(data.yuan, '—') : '—';
}

/** Monthly funds: this year as bars (up to `lastMonth`), last year as a line; axis in 亿元. */
export function monthlyOption(monthly: { year: number; thisYear: number[]; lastYear: number[] }, lastMonth: number): EChartsOption {
  const item = (yuan: number | undefined) => (yuan === undefined ? null : { value: yuanToYiNumber(yuan), yuan });
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const tips = asTips(params);
        const head = escapeHtml(tips[0]?.name);
        // the marker is ECharts' own markup (a coloured dot); every other piece is text
        const line = (p: Tip) => `${typeof p.marker === 'string' ? p.marker : ''}${escapeHtml(p.seriesName)}${labelColon()}${escapeHtml(tipAmount(p))}`;
        return [head, ...tips.map(line)].join('<br/>');
      },
    },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: monthLabels() },
    yAxis: { type: 'value', name: unitYi() },
    series: [
      {
        name: yearName(monthly.year),
        type: 'bar',
        itemStyle: { color: RED },
        data: monthly.thisYear.map((v, i) => (i < lastMonth ? item(v) : null)),
      },
      {
        name: yearName(monthly.year - 1),
        type: 'line',
        smooth: true,
        itemStyle: { color: GREY },
        data: monthly.lastYear.map((v) => item(v)),
      },
    ],
  };
}

/** Horizontal bars of funds per name (largest on top); axis in 亿元. */
export function horizontalFundsOption(rows: { name: string; fundsYuan: number }[], seriesName: string): EChartsOption {
  const sorted = [...rows].sort((a, b) => a.fundsYuan - b.fundsYuan);
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const tip = asTips(params)[0];
        // names are data (regions, parks, projects): escaped, or a name like <img onerror=…> runs as script
        return tip ? `${escapeHtml(tip.name)}<br/>${escapeHtml(seriesName)}${labelColon()}${escapeHtml(tipAmount(tip))}` : '';
      },
    },
    grid: { left: 8, right: 48, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: unitYi() },
    yAxis: {
      type: 'category',
      data: sorted.map((r) => r.name),
      axisLabel: { width: 150, overflow: 'truncate' },
    },
    series: [
      {
        name: seriesName,
        type: 'bar',
        barMaxWidth: 28,
        itemStyle: { color: RED },
        label: { show: true, position: 'right', formatter: (p: { value?: unknown }) => String(p.value ?? '') },
        data: sorted.map((r) => ({ value: yuanToYiNumber(r.fundsYuan), yuan: r.fundsYuan })),
      },
    ],
  };
}

/** The project pipeline as a funnel, one layer per stage (counts). */
export function funnelOption(layers: { name: string; value: number }[]): EChartsOption {
  return {
    // a string template: ECharts escapes its {b} and {c} in tooltips itself
    tooltip: { trigger: 'item', formatter: `{b}${labelColon()}${translate('dash.projectCount', { n: '{c}' })}` },
    color: ['#ffccc7', '#ff9c6e', '#ff7a45', '#f5222d', '#a8071a'],
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '10%',
        width: '80%',
        top: 8,
        bottom: 8,
        minSize: '20%',
        gap: 2,
        label: { show: true, position: 'inside', formatter: '{b}  {c}', color: '#000' },
        data: layers,
      },
    ],
  };
}

/**
 * 承诺到期预测: the 12 months' amounts falling due as stacked bars — due by date (scheduled) and estimated from a
 * data trigger's trend (estimated, lighter) — axis in 万元; the tooltip gives the exact amounts.
 */
export function dueForecastOption(months: { month: string; scheduledYuan: number; estimatedYuan: number }[], names: { scheduled: string; estimated: string }): EChartsOption {
  const wan = (yuan: number) => ({ value: Math.round(yuan / 100) / 100, yuan });
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const tips = asTips(params);
        const line = (p: Tip) => `${typeof p.marker === 'string' ? p.marker : ''}${escapeHtml(p.seriesName)}${labelColon()}${escapeHtml(tipAmount(p))}`;
        return [escapeHtml(tips[0]?.name), ...tips.map(line)].join('<br/>');
      },
    },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: { type: 'value', name: unitWan() },
    series: [
      { name: names.scheduled, type: 'bar', stack: 'due', barMaxWidth: 32, itemStyle: { color: RED }, data: months.map((m) => wan(m.scheduledYuan)) },
      { name: names.estimated, type: 'bar', stack: 'due', barMaxWidth: 32, itemStyle: { color: '#ff9c6e' }, data: months.map((m) => wan(m.estimatedYuan)) },
    ],
  };
}
