/**
 * The map renderer, loaded on demand (see SubRegionMap.tsx) with only the map chart, tooltip and
 * continuous visual map registered. The boundary map is registered once per name before the first draw.
 */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapContinuousComponent } from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';
import type { MapChartProps } from './types';

echarts.use([MapChart, TooltipComponent, VisualMapContinuousComponent, LabelLayout, CanvasRenderer]);

type GeoJsonInput = Parameters<typeof echarts.registerMap>[1];

export default function SubRegionMapCore({ mapName, geoJson, option, height = 300, onClick, testId }: MapChartProps) {
  // GeoJSON (plain or ECharts-compressed) as fetched; ECharts validates and decodes it
  if (!echarts.getMap(mapName)) echarts.registerMap(mapName, geoJson as GeoJsonInput);
  return (
    <div data-testid={testId}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        style={{ height, width: '100%' }}
        opts={{ renderer: 'canvas', locale: 'ZH' }}
        onEvents={onClick ? { click: (params: { name: string; dataIndex: number }) => onClick(params) } : undefined}
      />
    </div>
  );
}
