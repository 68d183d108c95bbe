import { Card, Col, Empty, Input, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { PageContainer } from '@ant-design/pro-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { CLAUSE_TYPE_KEYS, COMMITMENT_STATUS_KEYS, commitmentsApi, type Clause } from '../../api/commitments';
import { EChart } from '../../components/charts/EChart';
import { dueForecastOption } from '../../components/charts/options';
import { formatWan } from '../../components/money';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { keyColumnsOnPhone, usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { ClauseHeading, DueCell } from './cells';
import { StatusTag, type ClauseStatus } from './labels';

/** 承诺台账 of a region and below: counts by status, the 12-month forecast of amounts falling due, the clauses with filters. */
export default function CommitmentLedger() {
  const { t } = useI18n();
  const phone = usePhone();
  const [search, setSearch] = useSearchParams();
  const regionCode = search.get('regionCode') ?? undefined;
  const status = (search.get('status') ?? undefined) as ClauseStatus | undefined;
  const type = (search.get('type') ?? undefined) as Clause['type'] | undefined;
  const q = search.get('q') ?? '';
  const setFilter = (next: Record<string, string | null | undefined>) => {
    const merged: Record<string, string | null | undefined> = { regionCode, status, type, q, ...next };
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(merged)) if (v) out[k] = v;
    setSearch(out, { replace: true });
  };
  const ledger = useQuery({
    queryKey: ['commitment-ledger', regionCode, status, type, q],
    queryFn: () => commitmentsApi.ledger({ regionCode, status, type, q: q || undefined }),
    placeholderData: keepPreviousData,
  });
  const d = ledger.data;
  const months = d?.forecast.months ?? [];
  const forecastTotal = months.reduce((s, m) => s + m.scheduledYuan + m.estimatedYuan, 0);

  return (
    <PageContainer title={t('commitments.ledgerTitle')} subTitle={phone ? undefined : t('commitments.ledgerSubtitle')}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small" styles={{ body: { padding: phone ? 12 : undefined } }}>
          <Space wrap size={[12, 8]} direction={phone ? 'vertical' : 'horizontal'} style={{ width: phone ? '100%' : undefined }}>
            <RegionTreeSelect aria-label={t('commitments.filterRegion')} value={regionCode} onChange={(v) => setFilter({ regionCode: v ?? null })} style={{ width: phone ? '100%' : 200 }} />
            <Select
              aria-label={t('commitments.filterStatus')}
              placeholder={t('commitments.filterStatus')}
              allowClear
              value={status}
              style={{ width: phone ? '100%' : 140 }}
              onChange={(v: string | undefined) => setFilter({ status: v ?? null })}
              options={COMMITMENT_STATUS_KEYS.map((s) => ({ value: s, label: t(`commitments.status.${s}`) }))}
              data-testid="ledger-status-filter"
            />
            <Select
              aria-label={t('commitments.filterType')}
              placeholder={t('commitments.filterType')}
              allowClear
              value={type}
              style={{ width: phone ? '100%' : 160 }}
              onChange={(v: string | undefined) => setFilter({ type: v ?? null })}
              options={CLAUSE_TYPE_KEYS.map((k) => ({ value: k, label: t(`commitments.type.${k}`) }))}
            />
            <Input.Search
              aria-label={t('commitments.search')}
              placeholder={t('commitments.search')}
              allowClear
              defaultValue={q}
              style={{ width: phone ? '100%' : 240 }}
              onSearch={(v) => setFilter({ q: v.trim() || null })}
            />
          </Space>
        </Card>
        <Row gutter={[12, 12]} data-testid="ledger-counts">
          {COMMITMENT_STATUS_KEYS.map((s) => (
            <Col key={s} xs={8} sm={6} md={3}>
              <Card size="small" hoverable onClick={() => setFilter({ status: status === s ? null : s })} style={status === s ? { borderColor: '#c8102e' } : undefined}>
                <Statistic title={t(`commitments.status.${s}`)} value={d?.counts[s] ?? 0} valueStyle={s === 'overdue' && (d?.counts[s] ?? 0) > 0 ? { color: '#a8071a' } : undefined} />
              </Card>
            </Col>
          ))}
          <Col xs={8} sm={6} md={3}>
            <Card size="small">
              <Statistic title={t('commitments.awaitingReview')} value={d?.awaitingReview ?? 0} />
            </Card>
          </Col>
        </Row>
        <Card title={t('commitments.forecastTitle')} size="small" data-testid="forecast-card">
          <EChart
            testId="forecast-chart"
            height={phone ? 240 : 300}
            empty={!ledger.isLoading && forecastTotal === 0}
            emptyText={t('commitments.forecastEmpty')}
            option={dueForecastOption(months, { scheduled: t('commitments.forecastScheduled'), estimated: t('commitments.forecastEstimated') })}
          />
          {d && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="forecast-notes">
              {t('commitments.forecastNotes', {
                pastDue: formatWan(d.forecast.pastDueYuan, '0'),
                pastDueClauses: d.forecast.pastDueClauses,
                later: formatWan(d.forecast.laterYuan, '0'),
                unestimated: d.forecast.unestimated.length,
              })}
            </Typography.Paragraph>
          )}
        </Card>
        <Card size="small" title={t('commitments.clausesTitle', { n: d?.items.length ?? 0 })}>
          <Table<Clause>
            rowKey="id"
            size="small"
            loading={ledger.isLoading}
            dataSource={d?.items ?? []}
            pagination={(d?.items.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            locale={{ emptyText: <Empty description={status || type || q ? t('commitments.ledgerEmptyFiltered') : t('commitments.ledgerEmpty')} /> }}
            columns={keyColumnsOnPhone(
              [
                {
                  title: t('commitments.project'),
                  key: 'project',
                  render: (_: unknown, c) => (
                    <Space direction="vertical" size={0}>
                      <Link to={`/projects/${c.projectId}?tab=commitments`}>{c.projectName}</Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {c.projectCode} · {c.regionName}
                      </Typography.Text>
                    </Space>
                  ),
                },
                { title: t('commitments.title'), key: 'title', render: (_: unknown, c) => <ClauseHeading t={t} c={c} /> },
                {
                  title: t('commitments.statusCol'),
                  key: 'status',
                  width: 110,
                  render: (_: unknown, c) => (
                    <Space direction="vertical" size={2}>
                      <StatusTag t={t} status={c.status} />
                      {c.complaints.length > 0 && <Tag color="volcano">{t('commitments.complaintCount', { n: c.complaints.length })}</Tag>}
                    </Space>
                  ),
                },
                { title: t('commitments.due'), key: 'due', width: 170, render: (_: unknown, c) => <DueCell t={t} c={c} /> },
                {
                  title: t('commitments.promisedFulfilled'),
                  key: 'amounts',
                  width: 160,
                  align: 'right',
                  render: (_: unknown, c) => (c.amountYuan === null ? t('commitments.noAmount') : `${formatWan(c.fulfilledYuan, '0')} / ${formatWan(c.amountYuan, '—')}`),
                },
                { title: t('commitments.responsible'), key: 'responsible', width: 150, render: (_: unknown, c) => `${c.responsibleDepartment} · ${c.responsibleName}` },
              ],
              ['project', 'status'],
              phone,
            )}
          />
        </Card>
      </Space>
    </PageContainer>
  );
}
