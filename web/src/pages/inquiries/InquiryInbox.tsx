/**
 * 在线对接与投诉 inbox: the inquiries and complaints of the user's region and below, searched by tracking number
 * (exact) or keyword and filtered by kind, stage, clock (open, overdue, escalated), owner and region (all in the
 * address bar), with stage tags and the clock in
 * working days; a table at a desk, cards on a phone. Contacts are masked here; the detail page reveals them.
 */
import { Card, Empty, Input, List, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PageContainer } from '@ant-design/pro-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, showError } from '../../api/client';
import { INQUIRY_KINDS, INQUIRY_STAGES, inquiriesApi, type InboxItem, type InquiryKind, type InquiryStage } from '../../api/inquiries';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { ColleagueSelect } from '../projects/ColleagueSelect';
import { ClockText, FlagTags, KindTag, StageTag, typeName } from './labels';

const PAGE_SIZE = 20;
type ClockFilter = 'open' | 'overdue' | 'escalated';
const CLOCKS: readonly ClockFilter[] = ['open', 'overdue', 'escalated'];

export default function InquiryInbox() {
  const { t } = useI18n();
  const phone = usePhone();
  const [search, setSearch] = useSearchParams();
  const kind = (search.get('kind') ?? undefined) as InquiryKind | undefined;
  const stage = (search.get('stage') ?? undefined) as InquiryStage | undefined;
  const clock = (search.get('clock') ?? undefined) as ClockFilter | undefined;
  const owner = search.get('owner') ?? undefined;
  const regionCode = search.get('regionCode') ?? undefined;
  const q = search.get('q') ?? undefined;
  const page = Number(search.get('page')) || 1;
  const setFilter = (next: Record<string, string | number | null | undefined>) => {
    const merged: Record<string, string | number | null | undefined> = { q, kind, stage, clock, owner, regionCode, page: 1, ...next };
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== null && v !== '' && !(k === 'page' && v === 1)) out[k] = String(v);
    setSearch(out, { replace: true });
  };
  const ownerQuery = owner === 'mine' ? { mine: true } : owner ? { ownerId: owner } : {};
  const list = useQuery({
    queryKey: ['inquiries', q, kind, stage, clock, owner, regionCode, page],
    // a refused search (400) is shown under the box, once; anything else as the client shows every error
    queryFn: () =>
      inquiriesApi.inbox({ q, kind, stage, clock, regionCode, ...ownerQuery, page, pageSize: PAGE_SIZE }, true).catch((err: unknown) => {
        if (!(err instanceof ApiError && err.status === 400)) showError(err);
        throw err;
      }),
    placeholderData: keepPreviousData,
  });
  // the server's refusal of the search (a mistyped tracking number, a phone number …) shows under the box
  const searchError = list.error instanceof ApiError && list.error.status === 400 ? list.error.message : null;
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const filtered = Boolean(q || kind || stage || clock || owner || regionCode);
  const empty = (
    <Empty data-testid="inquiry-empty" description={filtered ? t('inquiries.emptyFiltered') : t('inquiries.empty')}>
      {!filtered && (
        <Typography.Link href="/portal/inquiry" target="_blank" rel="noopener">
          {t('inquiries.openPortal')}
        </Typography.Link>
      )}
    </Empty>
  );
  const title = (r: InboxItem) => (
    <Link to={`/inquiries/${r.id}`} data-testid="inquiry-link">
      {r.subjectTitle ?? typeName(t, r.type)}
    </Link>
  );
  const who = (r: InboxItem) => [r.company, r.investorName].filter(Boolean).join(' · ') || '—';
  const columns: ColumnsType<InboxItem> = [
    { title: t('inquiries.trackingNumber'), dataIndex: 'trackingNumber', width: 200, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: t('inquiries.subject'),
      key: 'subject',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Space size={4} wrap>
            <KindTag t={t} kind={r.kind} />
            {title(r)}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {typeName(t, r.type)} · {who(r)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('inquiries.region'), dataIndex: 'regionName', width: 110 },
    {
      title: t('inquiries.stage'),
      key: 'stage',
      width: 170,
      render: (_, r) => (
        <Space size={4} wrap>
          <StageTag t={t} stage={r.stage} />
          <FlagTags t={t} item={r} />
        </Space>
      ),
    },
    { title: t('inquiries.clock'), key: 'clock', width: 220, render: (_, r) => <ClockText t={t} clock={r} closedOn={r.closedOn} /> },
    { title: t('inquiries.owner'), dataIndex: 'ownerName', width: 100, render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('inquiries.noOwner')}</Typography.Text> },
    { title: t('inquiries.receivedOn'), dataIndex: 'receivedOn', width: 110 },
  ];
  const pagination = total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total, showSizeChanger: false, onChange: (p: number) => setFilter({ page: p }) } : false;
  const width = phone ? '100%' : 150;

  return (
    <PageContainer title={t('inquiries.title')} subTitle={phone ? undefined : t('inquiries.subtitle')}>
      <Card styles={{ body: { padding: phone ? 12 : undefined } }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Space direction="vertical" size={4} style={{ width: phone ? '100%' : undefined }}>
            <Input.Search
              key={q ?? ''}
              aria-label={t('inquiries.search')}
              placeholder={t('inquiries.search')}
              allowClear
              defaultValue={q}
              maxLength={100}
              status={searchError ? 'error' : undefined}
              style={{ width: phone ? '100%' : 360 }}
              onSearch={(v) => setFilter({ q: v.trim() || null })}
              data-testid="inquiry-search"
            />
            {searchError && (
              <Typography.Text type="danger" data-testid="inquiry-search-error">
                {searchError}
              </Typography.Text>
            )}
          </Space>
          <Space wrap size={[12, 8]} direction={phone ? 'vertical' : 'horizontal'} style={{ width: phone ? '100%' : undefined }}>
            <Select
              aria-label={t('inquiries.filterKind')}
              placeholder={t('inquiries.filterKind')}
              allowClear
              value={kind}
              style={{ width }}
              onChange={(v: string | undefined) => setFilter({ kind: v ?? null })}
              options={INQUIRY_KINDS.map((k) => ({ value: k, label: t(`inquiries.kind.${k}`) }))}
              data-testid="inquiry-kind-filter"
            />
            <Select
              aria-label={t('inquiries.filterStage')}
              placeholder={t('inquiries.filterStage')}
              allowClear
              value={stage}
              style={{ width }}
              onChange={(v: string | undefined) => setFilter({ stage: v ?? null })}
              options={INQUIRY_STAGES.map((s) => ({ value: s, label: t(`inquiries.stage.${s}`) }))}
              data-testid="inquiry-stage-filter"
            />
            <Select
              aria-label={t('inquiries.filterClock')}
              placeholder={t('inquiries.filterClock')}
              allowClear
              value={clock}
              style={{ width }}
              onChange={(v: string | undefined) => setFilter({ clock: v ?? null })}
              options={CLOCKS.map((c) => ({ value: c, label: t(`inquiries.clockFilter.${c}`) }))}
              data-testid="inquiry-clock-filter"
            />
            <Select
              aria-label={t('inquiries.filterOwner')}
              placeholder={t('inquiries.filterOwner')}
              allowClear
              value={owner === 'mine' || owner === 'none' ? owner : undefined}
              style={{ width }}
              onChange={(v: string | undefined) => setFilter({ owner: v ?? null })}
              options={[
                { value: 'mine', label: t('inquiries.owner.mine') },
                { value: 'none', label: t('inquiries.owner.none') },
              ]}
              data-testid="inquiry-owner-filter"
            />
            <ColleagueSelect
              ariaLabel={t('inquiries.filterColleague')}
              placeholder={t('inquiries.filterColleague')}
              value={owner && owner !== 'mine' && owner !== 'none' ? owner : null}
              onChange={(v) => setFilter({ owner: v })}
              width={phone ? '100%' : 160}
            />
            <RegionTreeSelect aria-label={t('inquiries.filterRegion')} value={regionCode} onChange={(v) => setFilter({ regionCode: v ?? null })} style={{ width: phone ? '100%' : 200 }} />
          </Space>
          {phone ? (
            <List<InboxItem>
              data-testid="inquiry-list"
              loading={list.isLoading}
              dataSource={items}
              rowKey="id"
              split={false}
              locale={{ emptyText: list.isLoading ? ' ' : empty }}
              pagination={pagination || undefined}
              renderItem={(r) => (
                <List.Item style={{ padding: '0 0 12px' }}>
                  <Card size="small" style={{ width: '100%' }} data-testid="inquiry-card">
                    <Space direction="vertical" size={4} style={{ width: '100%' }}>
                      <Space size={4} wrap>
                        <KindTag t={t} kind={r.kind} />
                        <StageTag t={t} stage={r.stage} />
                        <FlagTags t={t} item={r} />
                      </Space>
                      {title(r)}
                      <Typography.Text type="secondary">
                        {r.regionName} · {who(r)}
                      </Typography.Text>
                      <ClockText t={t} clock={r} closedOn={r.closedOn} />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.trackingNumber} · {r.ownerName ?? t('inquiries.noOwner')}
                      </Typography.Text>
                    </Space>
                  </Card>
                </List.Item>
              )}
            />
          ) : (
            <Table<InboxItem>
              data-testid="inquiry-list"
              rowKey="id"
              size="middle"
              loading={list.isLoading}
              dataSource={items}
              columns={columns}
              pagination={pagination}
              locale={{ emptyText: list.isLoading ? ' ' : empty }}
              scroll={{ x: 1100 }}
            />
          )}
        </Space>
      </Card>
    </PageContainer>
  );
}
