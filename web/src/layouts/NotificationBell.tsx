import { Badge, Button, Dropdown, Empty, Space, Tag, Typography, theme } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { notificationsApi, type Notification } from '../api/notifications';
import { useI18n } from '../i18n';
import { kindColor, kindName } from '../pages/notifications/labels';

const SHOWN = 6;

/** The header bell (通知中心): the unread count, the latest unread notifications, a way to the centre. */
export function NotificationBell() {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const count = useQuery({ queryKey: ['notifications', 'unread-count'], queryFn: notificationsApi.unreadCount, refetchInterval: 2 * 60_000, refetchOnWindowFocus: true });
  const unread = count.data?.unread ?? 0;
  const latest = useQuery({
    queryKey: ['notifications', 'bell', unread],
    queryFn: () => notificationsApi.list({ status: 'unread', pageSize: SHOWN }),
    enabled: unread > 0,
  });
  const items = unread > 0 ? (latest.data?.items ?? []) : [];
  const open = async (n: Notification) => {
    await notificationsApi.markRead(n.id).catch(() => undefined);
    await queryClient.invalidateQueries({ queryKey: ['notifications'] });
    if (n.link) navigate(n.link);
  };

  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      popupRender={() => (
        <div
          data-testid="notifications-panel"
          style={{ width: 'min(380px, calc(100vw - 16px))', background: token.colorBgElevated, borderRadius: token.borderRadiusLG, boxShadow: token.boxShadowSecondary, padding: '8px 0' }}
        >
          <div style={{ padding: '4px 16px 8px', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
            <Typography.Text strong>{t('notifications.title')}</Typography.Text>
            {unread > 0 && <Typography.Text type="secondary"> · {t('notifications.unreadCount', { n: unread })}</Typography.Text>}
          </div>
          {items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.noneUnread')} style={{ margin: '16px 0' }} />
          ) : (
            <div style={{ maxHeight: 400, overflowY: 'auto' }}>
              {items.map((n) => (
                <button
                  key={n.id}
                  type="button"
                  onClick={() => void open(n)}
                  data-testid="notification-item"
                  style={{ display: 'block', width: '100%', textAlign: 'left', padding: '8px 16px', background: 'none', border: 0, borderBottom: `1px solid ${token.colorSplit}`, cursor: 'pointer', color: 'inherit', font: 'inherit' }}
                >
                  <Space size={8} align="start">
                    <Tag color={kindColor(n.kind)} style={{ marginInlineEnd: 0 }}>
                      {kindName(t, n.kind)}
                    </Tag>
                    <span>
                      <Typography.Text strong>{n.title}</Typography.Text>
                      <br />
                      <Typography.Text type="secondary">{n.body}</Typography.Text>
                    </span>
                  </Space>
                </button>
              ))}
            </div>
          )}
          <div style={{ padding: '8px 16px 0', textAlign: 'center' }}>
            <Link to="/notifications" data-testid="notifications-all">
              {t('notifications.viewAll')}
            </Link>
          </div>
        </div>
      )}
    >
      <Button type="text" aria-label={t('notifications.bellLabel', { n: unread })} data-testid="notifications-bell">
        <Badge count={unread} size="small" overflowCount={99} offset={[6, -2]}>
          <BellOutlined style={{ fontSize: 16 }} />
        </Badge>
      </Button>
    </Dropdown>
  );
}
