import { List, Space, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { ActivityType } from '../../api/activities';
import { tripsApi } from '../../api/trips';
import { useI18n } from '../../i18n';
import { activityPath, typeName } from '../activities/labels';
import { targetStatusName } from './labels';

/** 推进过该目标的活动: the activities (in the user's scope) that advanced a target, newest first. */
export function TargetActivities({ targetId }: { targetId: string }) {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['targets', 'activities', targetId], queryFn: () => tripsApi.targetActivities(targetId) });
  if (q.isLoading || !q.data) return <Spin size="small" />;
  return (
    <List
      size="small"
      data-testid="target-activities"
      header={<Typography.Text strong>{t('trips.targetActivities')}</Typography.Text>}
      dataSource={q.data.items}
      locale={{ emptyText: <Typography.Text type="secondary">{t('trips.noTargetActivities')}</Typography.Text> }}
      renderItem={(a) => (
        <List.Item>
          <Space wrap>
            <Typography.Text type="secondary">{a.startDate}</Typography.Text>
            <Tag>{typeName(t, a.type as ActivityType)}</Tag>
            <Link to={activityPath(a.id)}>{a.name}</Link>
            <Typography.Text type="secondary">{a.regionName}</Typography.Text>
            {a.statusSet && <Typography.Text type="secondary">{t('trips.movedTo', { status: targetStatusName(t, a.statusSet) })}</Typography.Text>}
          </Space>
        </List.Item>
      )}
    />
  );
}
