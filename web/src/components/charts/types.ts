import type { EChartsOption } from 'echarts';

export type { EChartsOption };

export interface ChartClick {
  name: string;
  dataIndex: number;
}

export interface ChartProps {
  option: EChartsOption;
  height?: number;
  /** Clicking a bar, point or funnel layer. */
  onClick?: (params: ChartClick) => void;
  testId?: string;
}

export interface MapChartProps extends ChartProps {
  /** The name the boundary map is registered under. */
  mapName: string;
  /** The boundary map: a GeoJSON FeatureCollection, plain or ECharts-compressed. */
  geoJson: unknown;
}
