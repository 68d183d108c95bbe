import { Button, Card, Checkbox, Empty, Input, List, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { can } from '../../access';
import { ACTIVITY_TYPE_KEYS, activitiesApi, LEADER_LEVEL_KEYS, type ActivityList as Page, type ActivityType, type LeaderLevel } from '../../api/activities';
import { useMe } from '../../auth/session';
import { usePhone } from '../../components/responsive';
import { useI18n, type Translate } from '../../i18n';
import { ActivityImportButton } from './ActivityImport';
import { ReportStateTag } from './TripCards';
import { activityPath, levelName, typeName } from './labels';

type Item = Page['items'][number];
const PAGE_SIZE = 20;

const dates = (r: Item) => (r.startDate === r.endDate ? r.startDate : `${r.startDate} ~ ${r.endDate}`);

function Leader({ t, r }: { t: Translate; r: Item }) {
  if (r.leaderLevel === 'none' && !r.leaderName) return <>—</>;
  return (
    <span>
      {r.leaderName ?? ''}
      {r.leaderLevel !== 'none' && <Typography.Text type="secondary"> {levelName(t, r.leaderLevel)}</Typography.Text>}
    </span>
  );
}

/** 资料不全: the facts the activity's type needs that are unknown (dark orange: white text on it meets 4.5:1). */
function Incomplete({ t, r }: { t: Translate; r: Item }) {
  if (r.missingFacts.length === 0) return null;
  return (
    <Tooltip title={r.missingFacts.map((f) => t(`activities.missing.${f}`)).join('、')}>
      <Tag color="#ad4e00" data-testid="activity-incomplete">
        {t('activities.incomplete')}
      </Tag>
    </Tooltip>
  );
}

/** A trip's report when it is due, overdue or came late (with its due day); nothing for the others. */
function ReportState({ t, r }: { t: Translate; r: Item }) {
  if (!r.reportState || r.reportState === 'notDue' || r.reportState === 'submitted') return null;
  return (
    <Tooltip title={t('trips.dueOn', { date: r.reportDueOn ?? '' })}>
      <span data-testid="activity-report-state">
        <ReportStateTag t={t} state={r.reportState} />
      </span>
    </Tooltip>
  );
}

/** 招商活动: the activities of the user's region and those below it, newest first, with filters; a quick way to log one. */
export default function ActivityList() {
  const { t } = useI18n();
  const phone = usePhone();
  const me = useMe();
  const navigate = useNavigate();
  const manage = can(me, 'activities.manage');
  const [search, setSearch] = useSearchParams();
  const type = search.get('type') ?? undefined;
  const level = search.get('leaderLevel') ?? undefined;
  const q = search.get('q') ?? '';
  const incomplete = search.get('incomplete') === 'true';
  const reportPending = search.get('report') === 'pending';
  const page = Number(search.get('page')) || 1;
  const setFilter = (next: Record<string, string | number | null | undefined>) => {
    const merged: Record<string, string | number | null | undefined> = { type, leaderLevel: level, q, incomplete: incomplete ? 'true' : null, report: reportPending ? 'pending' : null, page: 1, ...next };
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== null && v !== '' && !(k === 'page' && v === 1)) out[k] = String(v);
    setSearch(out, { replace: true });
  };
  const list = useQuery({
    queryKey: ['activities', 'list', type, level, q, incomplete, reportPending, page],
    queryFn: () => activitiesApi.list({ type, leaderLevel: level, q: q || undefined, incomplete: incomplete ? 'true' : undefined, report: reportPending ? 'pending' : undefined, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const logButton = manage ? (
    <Button key="log" type="primary" icon={<PlusOutlined />} onClick={() => navigate('/activities/new')} data-testid="activity-log">
      {t('activities.log')}
    </Button>
  ) : null;
  const empty = (
    <Empty description={t('activities.empty')} data-testid="activities-empty">
      {logButton}
    </Empty>
  );
  const columns: ColumnsType<Item> = [
    { title: t('activities.startDate'), key: 'dates', width: 200, render: (_, r) => dates(r) },
    { title: t('activities.type'), dataIndex: 'type', width: 110, render: (v: ActivityType) => <Tag>{typeName(t, v)}</Tag> },
    {
      title: t('activities.name'),
      key: 'name',
      render: (_, r) => (
        <Space size={6} wrap>
          <Link to={activityPath(r.id)} data-testid="activity-name">
            {r.name}
          </Link>
          <Incomplete t={t} r={r} />
          <ReportState t={t} r={r} />
        </Space>
      ),
    },
    { title: t('activities.region'), dataIndex: 'regionName', width: 110 },
    { title: t('activities.leader'), key: 'leader', width: 180, render: (_, r) => <Leader t={t} r={r} /> },
    { title: t('activities.personTrips'), dataIndex: 'personTrips', width: 90, align: 'right', render: (v: number | null) => v ?? '—' },
    { title: t('activities.destinations'), dataIndex: 'destinations', width: 120, render: (v: string | null) => v ?? '—' },
    { title: t('activities.organisations'), key: 'counts', width: 170, render: (_, r) => t('activities.counts', { orgs: r.organisations, projects: r.projects }) },
  ];
  const pagination = total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total, showSizeChanger: false, onChange: (p: number) => setFilter({ page: p }) } : false;

  return (
    <PageContainer title={t('activities.title')} subTitle={phone ? undefined : t('activities.subtitle')} extra={manage ? [<ActivityImportButton key="import" />, logButton] : []}>
      <Card styles={{ body: { padding: phone ? 12 : undefined } }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap size={[12, 8]} direction={phone ? 'vertical' : 'horizontal'} style={{ width: phone ? '100%' : undefined }}>
            <Select
              aria-label={t('activities.filterType')}
              data-testid="activities-type-filter"
              style={{ width: phone ? '100%' : 160 }}
              placeholder={t('activities.filterType')}
              allowClear
              value={type}
              onChange={(v: string | undefined) => setFilter({ type: v ?? null })}
              options={ACTIVITY_TYPE_KEYS.map((k) => ({ value: k, label: typeName(t, k) }))}
            />
            <Select
              aria-label={t('activities.filterLevel')}
              style={{ width: phone ? '100%' : 160 }}
              placeholder={t('activities.filterLevel')}
              allowClear
              value={level}
              onChange={(v: string | undefined) => setFilter({ leaderLevel: v ?? null })}
              options={LEADER_LEVEL_KEYS.map((k: LeaderLevel) => ({ value: k, label: levelName(t, k) }))}
            />
            <Checkbox checked={incomplete} onChange={(e) => setFilter({ incomplete: e.target.checked ? 'true' : null })} data-testid="activities-incomplete-filter">
              {t('activities.incompleteOnly')}
            </Checkbox>
            <Checkbox checked={reportPending} onChange={(e) => setFilter({ report: e.target.checked ? 'pending' : null })} data-testid="activities-report-filter">
              {t('trips.reportPending')}
            </Checkbox>
            <Input.Search
              aria-label={t('activities.search')}
              placeholder={t('activities.search')}
              allowClear
              defaultValue={q}
              style={{ width: phone ? '100%' : 240 }}
              onSearch={(v) => setFilter({ q: v.trim() || null })}
            />
          </Space>
          {phone ? (
            <List<Item>
              data-testid="activity-list"
              loading={list.isLoading}
              dataSource={items}
              rowKey="id"
              split={false}
              locale={{ emptyText: list.isLoading ? ' ' : empty }}
              pagination={pagination || undefined}
              renderItem={(r) => (
                <List.Item style={{ padding: '0 0 12px' }}>
                  <Card size="small" style={{ width: '100%' }} data-testid="activity-card">
                    <Space direction="vertical" size={4} style={{ width: '100%' }}>
                      <Space size={6} wrap>
                        <Tag>{typeName(t, r.type)}</Tag>
                        <Link to={activityPath(r.id)} data-testid="activity-name">
                          {r.name}
                        </Link>
                        <Incomplete t={t} r={r} />
                        <ReportState t={t} r={r} />
                      </Space>
                      <Typography.Text type="secondary">
                        {dates(r)} · {r.regionName}
                        {r.personTrips !== null ? ` · ${t('activities.personTripsN', { n: r.personTrips })}` : ''}
                      </Typography.Text>
                      <Space size={8} wrap>
                        {(r.leaderName || r.leaderLevel !== 'none') && <Leader t={t} r={r} />}
                        <Typography.Text type="secondary">{t('activities.counts', { orgs: r.organisations, projects: r.projects })}</Typography.Text>
                      </Space>
                    </Space>
                  </Card>
                </List.Item>
              )}
            />
          ) : (
            <Table<Item> data-testid="activity-list" rowKey="id" loading={list.isLoading} columns={columns} dataSource={items} pagination={pagination} locale={{ emptyText: list.isLoading ? ' ' : empty }} />
          )}
        </Space>
      </Card>
    </PageContainer>
  );
}
