/**
 * The ECharts renderer, loaded on demand (see EChart.tsx): only the chart kinds and components
 * the pages use are registered, so the chunk stays small and the first page load does not carry it.
 */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ChartProps } from './types';

echarts.use([BarChart, LineChart, FunnelChart, GridComponent, TooltipComponent, LegendComponent, DatasetComponent, CanvasRenderer]);

export default function EChartsCore({ option, height = 300, onClick, testId }: ChartProps) {
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
