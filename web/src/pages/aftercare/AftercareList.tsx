import { Card, Checkbox, Empty, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PageContainer } from '@ant-design/pro-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { aftercareApi, type AftercareList as Page } from '../../api/aftercare';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { usePhone } from '../../components/responsive';
import { useI18n, type Translate } from '../../i18n';
import { SignalTags } from './SignalTags';

type Item = Page['items'][number];
const PAGE_SIZE = 20;

function NextVisit({ t, r }: { t: Translate; r: Item }) {
  return (
    <Space size={4} wrap>
      {r.nextDue ? <span>{r.nextDue}</span> : <Typography.Text type="secondary">{t('aftercare.noneDue')}</Typography.Text>}
      {r.overdue > 0 && (
        <Tag color="#a8071a" data-testid="aftercare-overdue">
          {t('aftercare.overdueCount', { n: r.overdue })}
        </Tag>
      )}
    </Space>
  );
}

/** 安商稳商: landed (operating) projects of the user's region and below, next and overdue follow-up visits, investor signals. */
export default function AftercareList() {
  const { t } = useI18n();
  const phone = usePhone();
  const [search, setSearch] = useSearchParams();
  const regionCode = search.get('regionCode') ?? undefined;
  const clock = (search.get('clock') ?? undefined) as 'overdue' | 'dueSoon' | undefined;
  const risk = (search.get('risk') ?? undefined) as 'high' | 'watch' | 'any' | undefined;
  const expansion = search.get('expansion') === 'true';
  const q = search.get('q') ?? '';
  const page = Number(search.get('page')) || 1;
  const setFilter = (next: Record<string, string | number | null | undefined>) => {
    const merged: Record<string, string | number | null | undefined> = { regionCode, clock, risk, expansion: expansion ? 'true' : null, q, page: 1, ...next };
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== null && v !== '' && !(k === 'page' && v === 1)) out[k] = String(v);
    setSearch(out, { replace: true });
  };
  const list = useQuery({
    queryKey: ['aftercare', regionCode, clock, risk, expansion, q, page],
    queryFn: () => aftercareApi.list({ regionCode, clock, risk, expansion: expansion ? 'true' : undefined, q: q || undefined, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const empty = <Empty description={t('aftercare.empty')} data-testid="aftercare-empty" />;
  const columns: ColumnsType<Item> = [
    {
      title: t('aftercare.project'),
      key: 'name',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Link to={`/projects/${r.projectId}`} data-testid="aftercare-project">
            {r.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code} · {r.investorName ?? '—'}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('aftercare.region'), dataIndex: 'regionName', width: 110 },
    { title: t('aftercare.leader'), dataIndex: 'leaderName', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t('aftercare.operatingDate'), dataIndex: 'operatingDate', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('aftercare.nextDue'), key: 'next', width: 190, render: (_, r) => <NextVisit t={t} r={r} /> },
    { title: t('aftercare.lastDone'), key: 'last', width: 140, render: (_, r) => (r.lastDone ? `${r.lastDone}（${t('aftercare.doneCount', { n: r.done })}）` : '—') },
    { title: t('aftercare.signals'), key: 'signals', width: 200, render: (_, r) => <SignalTags signals={r.signals} /> },
  ];
  const pagination = total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total, showSizeChanger: false, onChange: (p: number) => setFilter({ page: p }) } : false;

  return (
    <PageContainer title={t('aftercare.title')} subTitle={phone ? undefined : t('aftercare.subtitle')}>
      <Card styles={{ body: { padding: phone ? 12 : undefined } }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap size={[12, 8]} direction={phone ? 'vertical' : 'horizontal'} style={{ width: phone ? '100%' : undefined }}>
            <RegionTreeSelect aria-label={t('aftercare.filterRegion')} value={regionCode} onChange={(v) => setFilter({ regionCode: v ?? null })} style={{ width: phone ? '100%' : 200 }} />
            <Select
              aria-label={t('aftercare.filterClock')}
              placeholder={t('aftercare.filterClock')}
              allowClear
              value={clock}
              style={{ width: phone ? '100%' : 150 }}
              onChange={(v: string | undefined) => setFilter({ clock: v ?? null })}
              options={[
                { value: 'overdue', label: t('aftercare.clock.overdue') },
                { value: 'dueSoon', label: t('aftercare.clock.dueSoon') },
              ]}
              data-testid="aftercare-clock-filter"
            />
            <Select
              aria-label={t('aftercare.filterRisk')}
              placeholder={t('aftercare.filterRisk')}
              allowClear
              value={risk}
              style={{ width: phone ? '100%' : 150 }}
              onChange={(v: string | undefined) => setFilter({ risk: v ?? null })}
              options={[
                { value: 'high', label: t('aftercare.risk.high') },
                { value: 'watch', label: t('aftercare.risk.watch') },
                { value: 'any', label: t('aftercare.riskAny') },
              ]}
            />
            <Checkbox checked={expansion} onChange={(e) => setFilter({ expansion: e.target.checked ? 'true' : null })} data-testid="aftercare-expansion-filter">
              {t('aftercare.expansionOnly')}
            </Checkbox>
            <Input.Search
              aria-label={t('aftercare.search')}
              placeholder={t('aftercare.search')}
              allowClear
              defaultValue={q}
              style={{ width: phone ? '100%' : 240 }}
              onSearch={(v) => setFilter({ q: v.trim() || null })}
            />
          </Space>
          {phone ? (
            <List<Item>
              data-testid="aftercare-list"
              loading={list.isLoading}
              dataSource={items}
              rowKey="projectId"
              split={false}
              locale={{ emptyText: list.isLoading ? ' ' : empty }}
              pagination={pagination || undefined}
              renderItem={(r) => (
                <List.Item style={{ padding: '0 0 12px' }}>
                  <Card size="small" style={{ width: '100%' }} data-testid="aftercare-card">
                    <Space direction="vertical" size={4} style={{ width: '100%' }}>
                      <Link to={`/projects/${r.projectId}`} data-testid="aftercare-project">
                        {r.name}
                      </Link>
                      <Typography.Text type="secondary">
                        {r.regionName} · {r.investorName ?? '—'}
                      </Typography.Text>
                      <span>
                        {t('aftercare.nextDue')}：<NextVisit t={t} r={r} />
                      </span>
                      <SignalTags signals={r.signals} />
                    </Space>
                  </Card>
                </List.Item>
              )}
            />
          ) : (
            <Table<Item>
              data-testid="aftercare-list"
              rowKey="projectId"
              size="middle"
              loading={list.isLoading}
              dataSource={items}
              columns={columns}
              pagination={pagination}
              locale={{ emptyText: list.isLoading ? ' ' : empty }}
              scroll={{ x: 1000 }}
            />
          )}
        </Space>
      </Card>
    </PageContainer>
  );
}
