import { lazy, Suspense } from 'react';
import { Skeleton } from 'antd';
import type { MapChartProps } from './types';

const SubRegionMapCore = lazy(() => import('./SubRegionMapCore'));

/** A map of sub-regions whose chart library loads on first use (like EChart). */
export function SubRegionMap({ height = 300, ...props }: MapChartProps) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}>
      <SubRegionMapCore height={height} {...props} />
    </Suspense>
  );
}
