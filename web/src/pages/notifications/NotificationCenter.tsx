import { Button, Card, Empty, List, Segmented, Select, Space, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { notificationsApi, type Notification } from '../../api/notifications';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { kindColor, kindName, NOTIFICATION_KINDS } from './labels';

const PAGE_SIZE = 20;
type Status = 'all' | 'unread' | 'read';

const when = (iso: string) => {
  const d = new Date(iso);
  const local = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
};

/** 通知中心: the caller's own notifications, unread first; filters by read state and kind; each links to its object. */
export default function NotificationCenter() {
  const { t } = useI18n();
  const phone = usePhone();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const status = (['unread', 'read'].includes(search.get('status') ?? '') ? search.get('status') : 'all') as Status;
  const kind = search.get('kind') ?? undefined;
  const page = Number(search.get('page')) || 1;
  const setFilter = (next: Record<string, string | number | null | undefined>) => {
    const merged: Record<string, string | number | null | undefined> = { status: status === 'all' ? null : status, kind, page: 1, ...next };
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== null && v !== '' && !(k === 'page' && v === 1)) out[k] = String(v);
    setSearch(out, { replace: true });
  };
  const list = useQuery({
    queryKey: ['notifications', 'list', status, kind, page],
    queryFn: () => notificationsApi.list({ status, kind, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const markRead = async (n: Notification) => {
    if (!n.readAt) await notificationsApi.markRead(n.id);
    await refresh();
  };
  const open = async (n: Notification) => {
    await markRead(n);
    if (n.link) navigate(n.link);
  };
  const unread = list.data?.unread ?? 0;
  const total = list.data?.total ?? 0;

  return (
    <PageContainer
      title={t('notifications.title')}
      subTitle={phone ? undefined : t('notifications.subtitle')}
      extra={[
        <Button
          key="all"
          icon={<CheckOutlined />}
          disabled={unread === 0}
          onClick={async () => {
            await notificationsApi.markAllRead();
            await refresh();
          }}
          data-testid="notifications-read-all"
        >
          {t('notifications.markAllRead')}
        </Button>,
      ]}
    >
      <Card styles={{ body: { padding: phone ? 12 : undefined } }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap size={[12, 8]}>
            <Segmented<Status>
              aria-label={t('notifications.filterStatus')}
              value={status}
              onChange={(v) => setFilter({ status: v === 'all' ? null : v })}
              options={[
                { value: 'all', label: t('notifications.all') },
                { value: 'unread', label: `${t('notifications.unread')}${unread ? ` ${unread}` : ''}` },
                { value: 'read', label: t('notifications.read') },
              ]}
              data-testid="notifications-status"
            />
            <Select
              aria-label={t('notifications.filterKind')}
              placeholder={t('notifications.filterKind')}
              allowClear
              value={kind}
              style={{ width: phone ? 200 : 180 }}
              onChange={(v: string | undefined) => setFilter({ kind: v ?? null })}
              options={NOTIFICATION_KINDS.map((k) => ({ value: k, label: kindName(t, k) }))}
            />
          </Space>
          <List<Notification>
            data-testid="notification-list"
            loading={list.isLoading}
            dataSource={list.data?.items ?? []}
            rowKey="id"
            locale={{ emptyText: list.isLoading ? ' ' : <Empty description={status === 'unread' ? t('notifications.noneUnread') : t('notifications.empty')} /> }}
            pagination={total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total, showSizeChanger: false, onChange: (p) => setFilter({ page: p }) } : undefined}
            renderItem={(n) => (
              <List.Item
                data-testid="notification-row"
                style={{ alignItems: 'flex-start', flexWrap: phone ? 'wrap' : undefined, background: n.readAt ? undefined : 'rgba(22, 119, 255, 0.04)' }}
                actions={[
                  n.link ? (
                    <Button key="open" type="link" size="small" onClick={() => void open(n)} data-testid="notification-open">
                      {t('notifications.open')}
                    </Button>
                  ) : null,
                  !n.readAt ? (
                    <Button key="read" type="link" size="small" onClick={() => void markRead(n)} data-testid="notification-mark-read">
                      {t('notifications.markRead')}
                    </Button>
                  ) : null,
                ].filter(Boolean)}
              >
                <Space direction="vertical" size={2} style={{ minWidth: 0 }}>
                  <Space size={6} wrap>
                    <Tag color={kindColor(n.kind)}>{kindName(t, n.kind)}</Tag>
                    {!n.readAt && <Tag color="#0958d9">{t('notifications.unread')}</Tag>}
                    <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                  </Space>
                  <Typography.Text>{n.body}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {when(n.createdAt)}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Space>
      </Card>
    </PageContainer>
  );
}
