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
