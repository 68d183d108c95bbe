import { useEffect, useState } from 'react';
import { Alert, Card, Col, Input, Row, Space, Tabs, Typography } from 'antd';
import { PageContainer, ProDescriptions } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { chainsApi } from '../../api/chains';
import { statsApi, type KeyedRow, type StatsSummary, type SubRegionRow } from '../../api/stats';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { EChart } from '../../components/charts/EChart';
import { monthlyOption } from '../../components/charts/options';
import { formatYuan } from '../../components/money';
import { MonthRangePicker } from '../../components/MonthRangePicker';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { formatPct, formatPts, projectsLink, rangeLabel, type MonthRange } from '../../components/stats';
import { usePeriodParams } from '../../components/usePeriodParams';
import { useI18n, type Translate } from '../../i18n';
import { BandTable, BreakdownTable, SignedStructureTables, SourceTable, breakdownColumns } from './tables';
import { ActivityStatsCard } from './ActivityStatsCard';
import { DocumentsCard } from './DocumentsCard';
import { TargetsCard } from './TargetsCard';

function yoyText(value: number | null): string {
  return formatPct(value, true);
}

function SummaryDescriptions({ t, s, region, range }: { t: Translate; s: StatsSummary; region: string; range: MonthRange }) {
  const target = s.target;
  // the lists behind the figures leave out the same tags
  const excludeTags = s.excludeTags.join(',') || undefined;
  return (
    <ProDescriptions column={{ xs: 1, sm: 2, lg: 3, xxl: 4 }} bordered size="small" data-testid="stats-summary">
      <ProDescriptions.Item label={t('stats.funds')}>
        <Typography.Text strong>{formatYuan(s.executing.fundsYuan, '—')}</Typography.Text>
      </ProDescriptions.Item>
      <ProDescriptions.Item label={t('stats.lastYear')}>{formatYuan(s.executing.lastYearFundsYuan, '—')}</ProDescriptions.Item>
      <ProDescriptions.Item label={t('stats.yoy')}>{yoyText(s.executing.yoyPct)}</ProDescriptions.Item>
      <ProDescriptions.Item label={t('stats.executing')}>
        <Link to={projectsLink({ region, executing: range, excludeTags })} data-testid="summary-executing-link">
          {t('dash.nProjects', { n: s.executing.projects })}
        </Link>
      </ProDescriptions.Item>
      <ProDescriptions.Item label={t('stats.new')}>
        {/* a link beside text is underlined: not told apart by colour alone (axe link-in-text-block) */}
        <Link to={projectsLink({ region, executing: range, kind: 'new', excludeTags })} style={{ textDecoration: 'underline' }}>
          {t('dash.nProjects', { n: s.newProjects.projects })}
        </Link>{' '}
        ·{' '}
        {formatYuan(s.newProjects.fundsYuan, '—')}
      </ProDescriptions.Item>
      <ProDescriptions.Item label={t('stats.continued')}>
        <Link to={projectsLink({ region, executing: range, kind: 'continued', excludeTags })} style={{ textDecoration: 'underline' }}>
          {t('dash.nProjects', { n: s.continuedProjects.projects })}
        </Link>{' '}
        ·{' '}
        {formatYuan(s.continuedProjects.fundsYuan, '—')}
      </ProDescriptions.Item>
      <ProDescriptions.Item label={t('stats.domestic')}>
        {formatYuan(s.domestic.fundsYuan, '—')}（{t('stats.yoy')} {yoyText(s.domestic.yoyPct)}）
      </ProDescriptions.Item>
      <ProDescriptions.Item label={t('source.foreign')}>
        {formatYuan(s.bySource.foreign.fundsYuan, '—')}（{t('stats.yoy')} {yoyText(s.bySource.foreign.yoyPct)}）
      </ProDescriptions.Item>
      <ProDescriptions.Item label={t('stats.signed')}>
        <Link to={projectsLink({ region, signed: range, excludeTags })}>{t('dash.nProjects', { n: s.signed.projects })}</Link>
      </ProDescriptions.Item>
      <ProDescriptions.Item label={t('stats.signedAmount')}>{formatYuan(s.signed.amountYuan, '—')}</ProDescriptions.Item>
      <ProDescriptions.Item label={t('stats.topInvestors')}>{t('dash.nProjects', { n: s.signed.topInvestorProjects })}</ProDescriptions.Item>
      <ProDescriptions.Item label={t('stats.startRate')}>{formatPct(s.signed.startRatePct)}</ProDescriptions.Item>
      <ProDescriptions.Item label={t('stats.fulfilmentRate')}>{formatPct(s.signed.fulfilmentRatePct)}</ProDescriptions.Item>
      <ProDescriptions.Item label={t('stats.fundsArrivalRate')} tooltip={t('stats.fundsArrivalRateHint')}>
        {formatPct(s.signed.fundsArrivalRatePct ?? null)}
      </ProDescriptions.Item>
      {target ? (
        <>
          <ProDescriptions.Item label={t('stats.annualTarget')}>{formatYuan(target.annualYuan, '—')}</ProDescriptions.Item>
          <ProDescriptions.Item label={t('stats.completion')}>{formatPct(target.completionPct)}</ProDescriptions.Item>
          <ProDescriptions.Item label={t('stats.schedule')}>{formatPct(target.schedulePct)}</ProDescriptions.Item>
          <ProDescriptions.Item label={t('stats.aheadBehind')}>{formatPts(target.aheadPts)}</ProDescriptions.Item>
        </>
      ) : (
        <ProDescriptions.Item label={t('stats.annualTarget')}>
          <Typography.Text type="secondary">{s.from.slice(0, 4) !== s.to.slice(0, 4) ? t('stats.targetSpansYears') : t('stats.noTarget')}</Typography.Text>
        </ProDescriptions.Item>
      )}
    </ProDescriptions>
  );
}

/** The tags to exclude, typed freely and applied on Enter or when the field is left. */
function ExcludeTagsInput({ value, onChange, placeholder }: { value: string; onChange: (v: string) => void; placeholder: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <Input
      data-testid="stats-exclude-tags"
      allowClear
      style={{ width: 220, maxWidth: '100%' }}
      value={text}
      placeholder={placeholder}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value === '') onChange('');
      }}
      onPressEnter={() => onChange(text)}
      onBlur={() => text !== value && onChange(text)}
    />
  );
}

/** 统计分析: the indicators of a region for a period (it may span years), with breakdowns, the signed structure and the monthly chart. */
export default function StatsAnalysis() {
  const me = useMe();
  const { t } = useI18n();
  const { region, range, excludeTags, set } = usePeriodParams(me.regionCode);
  const summary = useQuery({
    queryKey: ['stats-summary', region, range.from, range.to, excludeTags],
    queryFn: () => statsApi.summary(region, range.from, range.to, excludeTags),
  });
  const breakdowns = useQuery({
    queryKey: ['stats-breakdowns', region, range.from, range.to, excludeTags],
    queryFn: () => statsApi.breakdowns(region, range.from, range.to, excludeTags),
  });
  const excluding = (s: { excludeTags: string[] } | undefined) => (s?.excludeTags.length ?? 0) > 0;
  // chain names for the signed structure (keyed by chain code); without chains.read the codes are shown
  const chains = useQuery({ queryKey: ['chains'], queryFn: () => chainsApi.list(), enabled: can(me, 'chains.read') });
  const chainNames = new Map((chains.data ?? []).map((c) => [c.code, c.name]));
  const s = summary.data;
  const b = breakdowns.data;
  const loading = breakdowns.isLoading;
  const total = b?.total ?? { fundsYuan: 0, lastYearFundsYuan: 0 };
  const totalYoy = s?.executing.yoyPct ?? null;
  const year = Number(range.to.slice(0, 4));
  const lastMonth = Number(range.to.slice(5));
  const monthlyEmpty = !b || [...b.monthly.thisYear, ...b.monthly.lastYear].every((v) => v === 0);

  const tagsQuery = excludeTags ? `&excludeTags=${encodeURIComponent(excludeTags)}` : '';
  const subColumns = breakdownColumns<SubRegionRow>(t, {
    nameTitle: t('stats.subRegion'),
    nameRender: (r) => (r.code === region ? r.name : <Link to={`/stats?region=${r.code}&from=${range.from}&to=${range.to}${tagsQuery}`}>{r.name}</Link>),
    projectsLink: (r) => projectsLink({ region: r.code, executing: range, excludeTags: excludeTags || undefined }),
  });
  const keyed = (title: string) => breakdownColumns<KeyedRow>(t, { nameTitle: title });
  const keyOf = (r: KeyedRow) => r.key || r.name;

  return (
    <PageContainer
      title={t('stats.title')}
      subTitle={b ? `${b.regionName} · ${rangeLabel(range)}` : rangeLabel(range)}
      extra={[<Link key="rankings" to="/stats/rankings">{t('menu.rankings')}</Link>]}
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap size={16}>
          <Space>
            <span>{t('stats.region')}</span>
            <div style={{ width: 280 }} data-testid="stats-region">
              <RegionTreeSelect value={region} allowClear={false} onChange={(v) => v && set({ region: v })} />
            </div>
          </Space>
          <Space>
            <span>{t('stats.period')}</span>
            <MonthRangePicker value={range} onChange={(r) => set({ range: r })} />
          </Space>
          <Space>
            <span>{t('stats.excludeTags')}</span>
            <ExcludeTagsInput value={excludeTags} placeholder={t('stats.excludeTagsPlaceholder')} onChange={(v) => set({ excludeTags: v })} />
          </Space>
          <Typography.Text type="secondary">{t('stats.periodHint')}</Typography.Text>
        </Space>
      </Card>
      {s && excluding(s) && <Alert type="info" showIcon message={t('stats.excludeTagsActive', { tags: s.excludeTags.join('、') })} style={{ marginBottom: 16 }} />}
      <DocumentsCard region={region} regionName={b?.regionName} month={range.to} />
      {summary.isError && <Alert type="error" showIcon message={summary.error instanceof Error && summary.error.message ? summary.error.message : t('stats.loadFailed')} style={{ marginBottom: 16 }} />}
      <Card title={t('stats.summary')} size="small" style={{ marginBottom: 16 }} loading={summary.isLoading}>
        {s && <SummaryDescriptions t={t} s={s} region={region} range={range} />}
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title={t('dash.monthly')} size="small" style={{ marginBottom: 16 }}>
            <EChart
              testId="chart-monthly"
              empty={!loading && monthlyEmpty}
              emptyText={t('stats.noData')}
              option={b ? monthlyOption(b.monthly, b.monthly.year === year ? lastMonth : 12) : {}}
              height={320}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('stats.bySource')} size="small" style={{ marginBottom: 16 }} loading={summary.isLoading}>
            {s && <SourceTable t={t} summary={s} drill={{ region, executing: range, excludeTags: excludeTags || undefined }} />}
          </Card>
        </Col>
      </Row>
      {can(me, 'activities.read') && <ActivityStatsCard region={region} from={range.from} to={range.to} />}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Tabs
          items={[
            {
              key: 'region',
              label: t('stats.bySubRegion'),
              children: (
                <BreakdownTable<SubRegionRow>
                  t={t}
                  testId="table-subregions"
                  rows={b?.bySubRegion ?? []}
                  rowKey={(r) => r.code}
                  columns={subColumns}
                  total={total}
                  totalYoy={totalYoy}
                  loading={loading}
                />
              ),
            },
            {
              key: 'sector',
              label: t('stats.bySector'),
              children: (
                <BreakdownTable<KeyedRow> t={t} testId="table-sectors" rows={b?.bySector ?? []} rowKey={keyOf} columns={keyed(t('stats.sector'))} total={total} totalYoy={totalYoy} loading={loading} />
              ),
            },
            {
              key: 'section',
              label: t('stats.bySection'),
              children: (
                <BreakdownTable<KeyedRow> t={t} testId="table-sections" rows={b?.bySection ?? []} rowKey={keyOf} columns={keyed(t('stats.section'))} total={total} totalYoy={totalYoy} loading={loading} />
              ),
            },
            {
              key: 'investor',
              label: t('stats.byInvestorType'),
              children: (
                <BreakdownTable<KeyedRow> t={t} testId="table-investors" rows={b?.byInvestorType ?? []} rowKey={keyOf} columns={keyed(t('stats.investorType'))} total={total} totalYoy={totalYoy} loading={loading} />
              ),
            },
            { key: 'bands', label: t('stats.byBand'), children: s ? <BandTable t={t} summary={s} /> : null },
            { key: 'signedStructure', label: t('stats.signedStructure'), children: s ? <SignedStructureTables t={t} summary={s} chainNames={chainNames} /> : null },
          ]}
        />
      </Card>
      {can(me, 'targets.manage') && <TargetsCard region={region} year={year} />}
    </PageContainer>
  );
}
