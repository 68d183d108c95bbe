import { useEffect, useState } from 'react';
import { Alert, Button, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { showError } from '../../api/client';
import { enterprisesApi, type EnterpriseDetail, type TimelineItem, type TimelineKind } from '../../api/enterprises';
import { formatTime } from '../../components/labels';
import { useI18n, type MessageKey } from '../../i18n';

const KIND_COLORS: Record<TimelineKind, string> = {
  created: 'geekblue',
  fieldChange: 'blue',
  projectCreated: 'green',
  projectStage: 'cyan',
  contactAdded: 'purple',
};
const KIND_LABELS: Record<TimelineKind, MessageKey> = {
  created: 'entDetail.kind.created',
  fieldChange: 'entDetail.kind.fieldChange',
  projectCreated: 'entDetail.kind.projectCreated',
  projectStage: 'entDetail.kind.projectStage',
  contactAdded: 'entDetail.kind.contactAdded',
};

/** 时间线: field changes, projects and contacts of the caller's scope, newest first, paged. */
export function EnterpriseDetailTimeline({ enterprise }: { enterprise: EnterpriseDetail }) {
  const { t } = useI18n();
  const [older, setOlder] = useState<TimelineItem[]>([]);
  const [hasMore, setHasMore] = useState(enterprise.timelineHasMore);
  const [loading, setLoading] = useState(false);

  // a refreshed page starts again from its first page
  useEffect(() => {
    setOlder([]);
    setHasMore(enterprise.timelineHasMore);
  }, [enterprise]);

  const items = [...enterprise.timeline, ...older];
  const loadMore = async () => {
    const last = items[items.length - 1];
    if (!last) return;
    setLoading(true);
    try {
      const next = await enterprisesApi.get(enterprise.key, { timelineBefore: last.at });
      setOlder((prev) => [...prev, ...next.timeline]);
      setHasMore(next.timelineHasMore);
    } catch (err) {
      showError(err);
    } finally {
      setLoading(false);
    }
  };

  const laterModules = enterprise.activities === null || enterprise.chainNodes === null;

  return (
    <div data-testid="enterprise-timeline">
      {laterModules && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('entDetail.timelineLater')} />}
      {items.length === 0 ? (
        <Empty description={t('entDetail.timelineEmpty')} />
      ) : (
        <Timeline
          items={items.map((item) => ({
            color: KIND_COLORS[item.kind],
            children: (
              <div>
                <Space size={8} wrap>
                  <Tag color={KIND_COLORS[item.kind]} style={{ marginInlineEnd: 0 }}>
                    {t(KIND_LABELS[item.kind])}
                  </Tag>
                  {item.projectId ? <Link to={`/projects/${encodeURIComponent(item.projectId)}`}>{item.text}</Link> : <span>{item.text}</span>}
                </Space>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatTime(item.at)}
                    {item.actorName ? ` · ${item.actorName}` : ''}
                    {item.source ? ` · ${t('entDetail.sourceTip', { source: item.source, date: item.sourceDate ?? '—' })}` : ''}
                  </Typography.Text>
                </div>
              </div>
            ),
          }))}
        />
      )}
      {hasMore && (
        <Button loading={loading} onClick={() => void loadMore()}>
          {t('entDetail.timelineMore')}
        </Button>
      )}
    </div>
  );
}
