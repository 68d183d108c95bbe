import { Card, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { activitiesApi, type ActivityStats } from '../../api/activities';
import { EChart } from '../../components/charts/EChart';
import { formatWan } from '../../components/money';
import { usePhone } from '../../components/responsive';
import { useI18n, type Translate } from '../../i18n';
import { activityTrendOption, isTrendEmpty } from './activity-trend-option';

interface Line {
  key: string;
  label: string;
  of: (s: ActivityStats) => number;
  money?: boolean;
}

function listLines(t: Translate): Line[] {
  return [
    { key: 'trips', label: t('stats.act.trips'), of: (s) => s.trips.count },
    { key: 'personTrips', label: t('stats.act.personTrips'), of: (s) => s.trips.personTrips },
    { key: 'ledByLeadership', label: t('stats.act.ledByLeadership'), of: (s) => s.trips.ledByLeadership },
    { key: 'ledByPrincipal', label: t('stats.act.ledByPrincipal'), of: (s) => s.trips.ledByPrincipal },
    { key: 'visits', label: t('stats.act.visits'), of: (s) => s.visits.count },
    { key: 'receptions', label: t('stats.act.receptions'), of: (s) => s.receptions.count },
    { key: 'organisations', label: t('stats.act.organisations'), of: (s) => s.trips.organisations + s.visits.organisations + s.receptions.organisations },
    { key: 'eventsOrganised', label: t('stats.act.eventsOrganised'), of: (s) => s.events.organised },
    { key: 'eventsAttended', label: t('stats.act.eventsAttended'), of: (s) => s.events.attended },
    { key: 'teams', label: t('stats.act.teams'), of: (s) => s.residentTeams.active },
    { key: 'talks', label: t('stats.act.talks'), of: (s) => s.projects.talks },
    { key: 'signed', label: t('stats.act.signed'), of: (s) => s.projects.signed },
    { key: 'signedAmount', label: t('stats.act.signedAmount'), of: (s) => s.projects.signedAmountYuan, money: true },
    { key: 'reserve', label: t('stats.act.reserve'), of: (s) => s.reserve.projects },
    { key: 'serviceOpened', label: t('stats.act.serviceOpened'), of: (s) => s.serviceItems.opened },
    { key: 'serviceClosedOnTime', label: t('stats.act.serviceClosedOnTime'), of: (s) => s.serviceItems.closedOnTime },
  ];
}

const shiftYear = (month: string) => dayjs(`${month}-01`).subtract(1, 'year').format('YYYY-MM');

/**
 * 招商活动 on the statistics page: the activity statistics (DESIGN.md, GET /api/stats/activities) of
 * the region and period, beside the same months of last year. The organisations line adds those met
 * on trips, visits and receptions, each counted once within its kind.
 */
export function ActivityStatsCard({ region, from, to }: { region: string; from: string; to: string }) {
  const { t } = useI18n();
  const phone = usePhone();
  // byMonth: the same figures month by month, for the trend chart
  const now = useQuery({ queryKey: ['activity-stats', region, from, to, 'byMonth'], queryFn: () => activitiesApi.stats({ region, from, to, byMonth: true }) });
  const before = useQuery({
    queryKey: ['activity-stats', region, shiftYear(from), shiftYear(to), 'byMonth'],
    queryFn: () => activitiesApi.stats({ region, from: shiftYear(from), to: shiftYear(to), byMonth: true }),
  });
  const monthsNow = now.data?.byMonth ?? [];
  const monthsBefore = before.data?.byMonth ?? [];
  const loaded = Boolean(now.data && before.data);
  const rows = listLines(t).map((l) => {
    const a = now.data ? l.of(now.data) : null;
    const b = before.data ? l.of(before.data) : null;
    return { ...l, now: a, before: b, change: a !== null && b !== null ? a - b : null };
  });
  const show = (l: Line, v: number | null, signed = false) =>
    v === null ? '—' : l.money ? `${signed && v > 0 ? '+' : ''}${formatWan(v, '—')}` : `${signed && v > 0 ? '+' : ''}${v.toLocaleString('zh-CN')}`;
  return (
    <Card
      title={t('stats.act.title')}
      size="small"
      style={{ marginBottom: 16 }}
      extra={<Link to="/activities">{t('menu.activities')}</Link>}
      data-testid="stats-activities"
    >
      <Typography.Text strong>{t('stats.act.trend.title')}</Typography.Text>
      <EChart
        testId="chart-activity-trend"
        empty={loaded && isTrendEmpty(monthsNow, monthsBefore)}
        emptyText={t('stats.act.trend.empty')}
        option={loaded ? activityTrendOption(monthsNow, monthsBefore, t, phone) : {}}
        height={phone ? 300 : 280}
      />
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        loading={now.isLoading || before.isLoading}
        // both periods or nothing: a row is read as this year beside last year
        dataSource={now.data && before.data ? rows : []}
        locale={{ emptyText: now.isError || before.isError ? t('stats.loadFailed') : ' ' }}
        columns={[
          { title: t('stats.act.figure'), dataIndex: 'label' },
          { title: t('stats.act.now'), key: 'now', align: 'right', render: (_: unknown, r) => show(r, r.now) },
          { title: t('stats.act.before'), key: 'before', align: 'right', render: (_: unknown, r) => show(r, r.before) },
          { title: t('stats.act.change'), key: 'change', align: 'right', render: (_: unknown, r) => show(r, r.change, true) },
        ]}
      />
      <Typography.Text type="secondary">{t('stats.act.hint', { from: shiftYear(from), to: shiftYear(to) })}</Typography.Text>
    </Card>
  );
}
