import { Card, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { activitiesApi, type ActivityStats } from '../../api/activities';
import { useI18n } from '../../i18n';

const FIGURES: { key: string; label: 'dash.actTrips' | 'dash.actReceptions' | 'dash.actEvents' | 'dash.actLeads' | 'dash.actSigned'; of: (s: ActivityStats) => number }[] = [
  { key: 'trips', label: 'dash.actTrips', of: (s) => s.trips.count },
  { key: 'receptions', label: 'dash.actReceptions', of: (s) => s.receptions.count },
  { key: 'events', label: 'dash.actEvents', of: (s) => s.events.organised + s.events.attended },
  { key: 'leads', label: 'dash.actLeads', of: (s) => s.projects.talks },
  { key: 'signed', label: 'dash.actSigned', of: (s) => s.projects.signed },
];

/** 本月招商活动: this month's trips, receptions, events, projects met and signed at activities, against the same month last year. */
export function ActivityPanel({ region }: { region: string }) {
  const { t } = useI18n();
  const month = dayjs().format('YYYY-MM');
  const lastYear = dayjs().subtract(1, 'year').format('YYYY-MM');
  const now = useQuery({ queryKey: ['activity-stats', region, month], queryFn: () => activitiesApi.stats({ region, from: month, to: month }) });
  const before = useQuery({ queryKey: ['activity-stats', region, lastYear], queryFn: () => activitiesApi.stats({ region, from: lastYear, to: lastYear }) });
  return (
    <Card title={t('dash.activities', { month })} size="small" extra={<Link to="/activities">{t('menu.activities')}</Link>} data-testid="dash-activities">
      {now.data && before.data ? (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))', gap: 12 }}>
          {FIGURES.map((f) => (
            <div key={f.key} data-testid={`dash-act-${f.key}`}>
              <Typography.Text type="secondary">{t(f.label)}</Typography.Text>
              <div style={{ fontSize: 22, fontWeight: 600 }}>{now.data ? f.of(now.data) : '—'}</div>
              <Typography.Text type="secondary">{t('dash.actLastYear', { n: before.data ? f.of(before.data) : 0 })}</Typography.Text>
            </div>
          ))}
        </div>
      ) : (
        <Skeleton active paragraph={{ rows: 2 }} />
      )}
    </Card>
  );
}
