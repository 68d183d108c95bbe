import { Badge, Button, Dropdown, Empty, Space, Tag, Typography, theme } from 'antd';
import { ScheduleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { returnsApi, type Reminder } from '../api/returns';
import { useI18n } from '../i18n';
import { returnLink } from '../pages/returns/labels';

const KIND_COLOR: Record<Reminder['kind'], string> = { late: 'red', dueSoon: 'gold', toReview: 'blue' };
const SHOWN = 8;

/** The returns' reminders in the header (beside the notification bell): the caller's late or due-soon returns and the returns waiting for their review. */
export function RemindersBell() {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const { data } = useQuery({
    queryKey: ['return-reminders'],
    queryFn: returnsApi.reminders,
    refetchInterval: 5 * 60_000,
    refetchOnWindowFocus: true,
  });
  const items = data?.items ?? [];
  // the nearest months first: what is due now matters more than a month long overdue
  const sorted = [...items].sort((a, b) => b.month.localeCompare(a.month) || a.regionCode.localeCompare(b.regionCode));
  const shown = sorted.slice(0, SHOWN);

  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      popupRender={() => (
        <div
          data-testid="reminders-panel"
          style={{
            width: 'min(380px, calc(100vw - 16px))',
            background: token.colorBgElevated,
            borderRadius: token.borderRadiusLG,
            boxShadow: token.boxShadowSecondary,
            padding: '8px 0',
          }}
        >
          <div style={{ padding: '4px 16px 8px', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
            <Typography.Text strong>{t('reminders.title')}</Typography.Text>
          </div>
          {items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reminders.empty')} style={{ margin: '16px 0' }} />
          ) : (
            <div style={{ maxHeight: 400, overflowY: 'auto' }}>
              {shown.map((r) => (
                <Link
                  key={`${r.kind}-${r.regionCode}-${r.month}`}
                  to={returnLink(r.regionCode, r.month)}
                  style={{ display: 'block', padding: '8px 16px', color: 'inherit', borderBottom: `1px solid ${token.colorSplit}` }}
                  data-testid="reminder-item"
                >
                  <Space size={8} align="start">
                    <Tag color={KIND_COLOR[r.kind]} style={{ marginInlineEnd: 0 }}>
                      {t(`reminders.kind.${r.kind}`)}
                    </Tag>
                    <Typography.Text>{r.message}</Typography.Text>
                  </Space>
                </Link>
              ))}
            </div>
          )}
          <div style={{ padding: '8px 16px 0', textAlign: 'center' }}>
            <Link to="/returns">{items.length > SHOWN ? t('reminders.more', { n: items.length - SHOWN }) : t('menu.returns')}</Link>
          </div>
        </div>
      )}
    >
      <Button type="text" aria-label={t('reminders.title')} data-testid="reminders-bell">
        <Badge count={items.length} size="small" overflowCount={99} offset={[6, -2]}>
          <ScheduleOutlined style={{ fontSize: 16 }} />
        </Badge>
      </Button>
    </Dropdown>
  );
}
