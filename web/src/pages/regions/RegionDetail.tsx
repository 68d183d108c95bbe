import { Breadcrumb, Card, Descriptions, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { regionsApi } from '../../api/regions';
import type { Region } from '../../api/types';
import { levelName } from '../../components/labels';
import { useI18n } from '../../i18n';
import { ParkTable } from './ParkTable';

function parentLabel(region: Region): string {
  if (!region.parentCode) return '—';
  const parent = region.path.find((p) => p.code === region.parentCode);
  return parent ? `${parent.name}（${parent.code}）` : region.parentCode;
}

export function RegionDetail({ code, onParksChanged }: { code: string; onParksChanged: () => void }) {
  const { t } = useI18n();
  const { data: region, isPending } = useQuery({ queryKey: ['region', code], queryFn: () => regionsApi.get(code) });
  const canHoldParks = region?.level === 'prefecture' || region?.level === 'county';

  return (
    <>
      <Card title={t('region.details')} style={{ marginBottom: 16 }} data-testid="region-detail">
        {isPending || !region ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : (
          <Descriptions column={{ xs: 1, sm: 2 }} size="small">
            <Descriptions.Item label={t('region.name')}>{region.name}</Descriptions.Item>
            <Descriptions.Item label={t('region.code')}>
              <Typography.Text code copyable>
                {region.code}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('region.level')}>{levelName(t, region.level)}</Descriptions.Item>
            <Descriptions.Item label={t('region.parent')}>{parentLabel(region)}</Descriptions.Item>
            <Descriptions.Item label={t('region.path')} span={2}>
              <Breadcrumb items={region.path.map((p) => ({ key: p.code, title: p.name }))} />
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      {region && region.level !== 'park' && (
        <ParkTable regionCode={region.code} canAdd={canHoldParks} onChanged={onParksChanged} />
      )}
    </>
  );
}
