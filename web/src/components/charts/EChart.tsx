import { lazy, Suspense } from 'react';
import { Empty, Skeleton } from 'antd';
import type { ChartProps } from './types';

const EChartsCore = lazy(() => import('./EChartsCore'));

interface Props extends ChartProps {
  /** Show the empty state instead of an empty chart. */
  empty?: boolean;
  emptyText?: string;
}

/** A chart whose library loads on first use; shows an empty state when there is nothing to draw. */
export function EChart({ empty, emptyText, height = 300, ...props }: Props) {
  if (empty) {
    return (
      <div style={{ height, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
      </div>
    );
  }
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}>
      <EChartsCore height={height} {...props} />
    </Suspense>
  );
}
