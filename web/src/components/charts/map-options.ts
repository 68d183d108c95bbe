import { escapeHtml } from '../html';
import { formatYuan } from '../money';
import { formatPct } from '../stats';
import type { EChartsOption } from './types';

/** One sub-region's figure on the map (a row of the statistics' breakdown by sub-region). */
export interface MapFigure {
  code: string;
  name: string;
  fundsYuan: number;
  yoyPct: number | null;
}

export interface MapLabels {
  funds: string;
  yoy: string;
  noData: string;
}

interface MapItem {
  name: string;
  value: number;
  yoyPct: number | null;
}

/** From light to the platform red, as the bars. */
const SCALE = ['#fff1f0', '#ffa39e', '#f5222d', '#a8071a'];

/**
 * The sub-regions of a registered map (its features named by their 6-digit code) coloured by funds in yuan;
 * `names` gives each code's name for labels and tooltips. Sub-regions without a row stay grey.
 */
export function subRegionMapOption(mapName: string, names: Readonly<Record<string, string>>, rows: MapFigure[], labels: MapLabels): EChartsOption {
  const max = Math.max(0, ...rows.map((r) => r.fundsYuan));
  const nameOf = (code: string | undefined) => (code ? (names[code] ?? code) : '');
  // on the map itself the long 省/自治区直辖县级行政区划 is shortened; the tooltip keeps the full name
  const labelOf = (code: string | undefined) => nameOf(code).replace(/^(省|自治区)直辖县级行政区划$/, '直辖县级市');
  return {
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const { name, data } = params as { name?: string; data?: MapItem };
        const figures = data
          ? [`${labels.funds}：${formatYuan(data.value, '—')}`, `${labels.yoy}：${formatPct(data.yoyPct, true)}`]
          : [labels.noData];
        // HTML: every piece escaped (region and park names are data); the labels on the map are canvas text
        return [`<b>${escapeHtml(nameOf(name))}</b>`, ...figures.map(escapeHtml)].join('<br/>');
      },
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      max: max > 0 ? max : 1,
      text: [formatYuan(max, '—'), '0'],
      calculable: false,
      // the value shown beside the bar while an area is hovered
      formatter: (value: unknown) => formatYuan(Number(value), '—'),
      orient: 'vertical',
      left: 8,
      bottom: 8,
      itemWidth: 12,
      itemHeight: 90,
      textStyle: { fontSize: 11, color: '#595959' },
      inRange: { color: SCALE },
    },
    series: [
      {
        type: 'map',
        map: mapName,
        nameProperty: 'code',
        roam: false,
        selectedMode: false,
        left: 96,
        right: 8,
        top: 8,
        bottom: 8,
        itemStyle: { areaColor: '#f0f0f0', borderColor: '#ffffff', borderWidth: 1 },
        label: {
          show: true,
          fontSize: 11,
          color: '#262626',
          textBorderColor: '#ffffff',
          textBorderWidth: 2,
          formatter: (p: { name?: string }) => labelOf(p.name),
        },
        labelLayout: { hideOverlap: true },
        emphasis: {
          label: { show: true, color: '#000000' },
          itemStyle: { areaColor: '#ffc53d' },
        },
        data: rows.map((r): MapItem => ({ name: r.code, value: r.fundsYuan, yoyPct: r.yoyPct })),
      },
    ],
  };
}
