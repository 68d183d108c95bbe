import type { ReactNode } from 'react';
import { Card, Col, Empty, List, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { fetchRegionMap } from '../../api/maps';
import { PIPELINE, projectsApi, type Light } from '../../api/projects';
import { statsApi, type StatsSummary } from '../../api/stats';
import { ActivityPanel } from './ActivityPanel';
import { TeamsPartnersPanel } from './TeamsPartnersPanel';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { EChart } from '../../components/charts/EChart';
import { subRegionMapOption } from '../../components/charts/map-options';
import { funnelOption, horizontalFundsOption, monthlyOption } from '../../components/charts/options';
import { SubRegionMap } from '../../components/charts/SubRegionMap';
import { roleName } from '../../components/labels';
import { formatYuan } from '../../components/money';
import { MonthRangePicker } from '../../components/MonthRangePicker';
import { formatPct, formatPts, projectsLink, rangeLabel, statsLink } from '../../components/stats';
import { usePeriodParams } from '../../components/usePeriodParams';
import { useI18n, type Translate } from '../../i18n';
import { LightDot, stageName } from '../projects/labels';
import { LIGHT_TEXT } from '../../theme';

function Yoy({ t, value }: { t: Translate; value: number | null }) {
  const color = value === null ? undefined : value >= 0 ? '#cf1322' : '#389e0d';
  return (
    <span>
      {t('stats.yoy')} <span style={{ color }}>{formatPct(value, true)}</span>
    </span>
  );
}

/** One indicator card; the whole card links to the list behind the figure. */
function Indicator({ title, to, value, footer, testId }: { title: string; to: string; value: ReactNode; footer: ReactNode; testId: string }) {
  return (
    <Link to={to} data-testid={testId} style={{ display: 'block', height: '100%' }}>
      <Card hoverable size="small" style={{ height: '100%' }}>
        <Statistic title={title} valueRender={() => <span style={{ fontSize: 22 }}>{value}</span>} />
        <div style={{ marginTop: 4, color: 'rgba(0,0,0,0.65)', fontSize: 13 }}>{footer}</div>
      </Card>
    </Link>
  );
}

function TargetCard({ t, summary, to }: { t: Translate; summary: StatsSummary; to: string }) {
  const target = summary.target;
  if (!target) {
    return (
      <Indicator
        testId="indicator-target"
        title={t('dash.target')}
        to={to}
        value={<Typography.Text type="secondary">{summary.from.slice(0, 4) !== summary.to.slice(0, 4) ? t('stats.targetSpansYears') : t('stats.noTarget')}</Typography.Text>}
        footer={t('dash.targetHint')}
      />
    );
  }
  const ahead = target.aheadPts;
  return (
    <Indicator
      testId="indicator-target"
      title={t('dash.target')}
      to={to}
      value={formatPct(target.completionPct)}
      footer={
        <Space size={4} wrap>
          <span>{t('stats.schedule')} {formatPct(target.schedulePct)}</span>
          <Tag color={ahead === null ? 'default' : ahead >= 0 ? 'success' : 'error'}>
            {ahead === null ? '—' : ahead >= 0 ? t('stats.ahead') : t('stats.behind')} {formatPts(ahead)}
          </Tag>
        </Space>
      }
    />
  );
}

function LightList({ t, light }: { t: Translate; light: Light }) {
  const { data, isLoading } = useQuery({
    queryKey: ['dashboard-light', light],
    queryFn: () => projectsApi.list({ light, pageSize: 5, sort: 'updated' }),
  });
  return (
    <div data-testid={`dash-light-${light}`}>
      <Space style={{ marginBottom: 4 }}>
        <Typography.Text strong style={{ color: light === 'red' ? LIGHT_TEXT.red : LIGHT_TEXT.yellow }}>
          ● {t(`light.${light}`)}
        </Typography.Text>
        <Link to={`/projects?light=${light}`} data-testid={`dash-light-${light}-count`}>
          {t('dash.projectCount', { n: data?.total ?? 0 })}
        </Link>
      </Space>
      <List
        size="small"
        loading={isLoading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('dash.noLightProjects') }}
        renderItem={(p) => (
          <List.Item style={{ padding: '6px 0', display: 'block' }}>
            <div style={{ display: 'flex', alignItems: 'center', gap: 6, minWidth: 0 }}>
              <LightDot t={t} project={p} />
              <Typography.Text ellipsis={{ tooltip: p.name }} style={{ flex: 1, minWidth: 0 }}>
                <Link to={`/projects/${p.id}`}>{p.name}</Link>
              </Typography.Text>
            </div>
            <Typography.Text type="secondary" ellipsis={{ tooltip: p.lightReasons.join('；') }} style={{ fontSize: 12, display: 'block', paddingLeft: 14 }}>
              {p.lightReasons[0] ?? ''}
            </Typography.Text>
          </List.Item>
        )}
      />
    </div>
  );
}

/**
 * 首页驾驶舱: the indicators of the user's region for a period (by default, as every page: January to
 * the last complete month), each figure a link to the list behind it with the same period.
 */
export default function Dashboard() {
  const me = useMe();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { range, set } = usePeriodParams(me.regionCode);
  const region = me.regionCode;
  const toStats = statsLink(region, range);
  const lastMonth = Number(range.to.slice(5));

  const summary = useQuery({ queryKey: ['stats-summary', region, range.from, range.to], queryFn: () => statsApi.summary(region, range.from, range.to) });
  const breakdowns = useQuery({
    queryKey: ['stats-breakdowns', region, range.from, range.to],
    queryFn: () => statsApi.breakdowns(region, range.from, range.to),
  });
  const pipeline = useQuery({ queryKey: ['dashboard-pipeline'], queryFn: () => projectsApi.list({ pageSize: 1 }) });
  // a boundary map of the sub-regions where one was extracted (web/public/maps); none for a county
  const map = useQuery({
    queryKey: ['region-map', region],
    queryFn: () => fetchRegionMap(region),
    enabled: me.regionLevel !== 'county',
    staleTime: Infinity,
    retry: false,
  });

  const s = summary.data;
  const b = breakdowns.data;
  const monthlyEmpty = !b || [...b.monthly.thisYear, ...b.monthly.lastYear].every((v) => v === 0);
  const subRegions = (b?.bySubRegion ?? []).filter((r) => r.fundsYuan > 0);
  const layers = PIPELINE.map((stage) => ({ name: stageName(t, stage), value: pipeline.data?.stageCounts[stage] ?? 0, stage }));
  // a sub-region's bar or area opens its own statistics (the list behind its figure)
  const toSubRegion = (code: string | undefined) => navigate(code ? statsLink(code, range) : toStats);
  const mapNames = Object.fromEntries((map.data?.features ?? []).map((f) => [f.properties.code, f.properties.name]));
  const showMap = me.regionLevel !== 'county' && !map.isError && map.data !== null;
  // funds of sub-regions the map has no area for (the region's own 本级 projects, parks, new divisions)
  const offMap = (b?.bySubRegion ?? []).filter((r) => r.fundsYuan > 0 && map.data && !mapNames[r.code]);
  const mapHeight = offMap.length > 0 ? 356 : 380;

  const monthlyCard = (
    <Card title={t('dash.monthly')} size="small" extra={<Link to={toStats}>{t('dash.toStats')}</Link>}>
      <EChart
        testId="chart-monthly"
        empty={!breakdowns.isLoading && monthlyEmpty}
        emptyText={t('stats.noData')}
        option={b ? monthlyOption(b.monthly, lastMonth) : {}}
        height={300}
      />
    </Card>
  );
  const subRegionsCard = (
    <Card title={t('dash.bySubRegion')} size="small" extra={<Link to={toStats}>{t('dash.toStats')}</Link>}>
      <EChart
        testId="chart-subregions"
        empty={!breakdowns.isLoading && subRegions.length === 0}
        emptyText={t('stats.noData')}
        option={horizontalFundsOption(subRegions, t('stats.funds'))}
        height={showMap ? 380 : 300}
        onClick={(p) => toSubRegion(subRegions.find((r) => r.name === p.name)?.code)}
      />
    </Card>
  );
  const mapCard = (
    <Card title={t('dash.subRegionMap')} size="small" extra={<Link to={toStats}>{t('dash.toStats')}</Link>} data-testid="dash-map">
      {map.data && b ? (
        <SubRegionMap
          testId="chart-map"
          mapName={`region-${region}`}
          geoJson={map.data}
          option={subRegionMapOption(`region-${region}`, mapNames, b.bySubRegion, {
            funds: t('stats.funds'),
            yoy: t('stats.yoy'),
            noData: t('dash.mapNoData'),
          })}
          height={mapHeight}
          onClick={(p) => toSubRegion(mapNames[p.name] ? p.name : undefined)}
        />
      ) : (
        <Skeleton.Node active style={{ width: '100%', height: mapHeight }} />
      )}
      {offMap.length > 0 && (
        <Space size={[12, 0]} wrap style={{ fontSize: 12, lineHeight: '24px' }} data-testid="map-off">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('dash.offMap')}
          </Typography.Text>
          {offMap.map((r) => (
            <Link key={r.code} to={statsLink(r.code, range)}>
              {r.name} {formatYuan(r.fundsYuan, '—')}
            </Link>
          ))}
        </Space>
      )}
    </Card>
  );
  const funnelCard = (
    <Card title={t('dash.pipeline')} size="small" extra={<Link to="/projects">{t('dash.toProjects')}</Link>}>
      <EChart
        testId="chart-funnel"
        empty={!pipeline.isLoading && layers.every((l) => l.value === 0)}
        emptyText={t('projects.empty')}
        option={funnelOption(layers.map(({ name, value }) => ({ name, value })))}
        height={260}
        onClick={(p) => {
          const layer = layers[p.dataIndex];
          if (layer) navigate(`/projects?stage=${layer.stage}`);
        }}
      />
      <Space size={[12, 4]} wrap style={{ marginTop: 8 }} data-testid="funnel-links">
        {layers.map((l) => (
          <Link key={l.stage} to={`/projects?stage=${l.stage}`}>
            {l.name} {l.value}
          </Link>
        ))}
        <Link to="/projects?stage=terminated">
          {stageName(t, 'terminated')} {pipeline.data?.stageCounts.terminated ?? 0}
        </Link>
      </Space>
    </Card>
  );
  const lightsCard = (
    <Card title={t('dash.lights')} size="small" extra={<Link to="/projects/lights">{t('menu.lights')}</Link>}>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <LightList t={t} light="red" />
        </Col>
        <Col xs={24} lg={12}>
          <LightList t={t} light="yellow" />
        </Col>
      </Row>
    </Card>
  );

  return (
    <PageContainer
      title={t('home.welcome', { name: me.displayName })}
      subTitle={`${me.regionName} · ${rangeLabel(range)}`}
      content={
        <Space direction="vertical" size={8} style={{ width: '100%' }}>
          <Space data-testid="home-account" size={8} wrap>
            {me.roles.map((r) => (
              <Tag key={r} color="red">
                {roleName(t, r)}
              </Tag>
            ))}
            <span>{me.regionName}</span>
            <Typography.Text code>{me.regionCode}</Typography.Text>
          </Space>
          <Space size={8} wrap data-testid="dash-period">
            <span>{t('stats.period')}</span>
            <MonthRangePicker value={range} onChange={(r) => set({ range: r })} />
            <Typography.Text type="secondary">{t('dash.periodHint')}</Typography.Text>
          </Space>
        </Space>
      }
    >
      {!s ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Row gutter={[16, 16]} data-testid="dash-indicators">
          <Col xs={24} sm={12} xl={6}>
            <Indicator
              testId="indicator-funds"
              title={t('stats.funds')}
              to={toStats}
              value={formatYuan(s.executing.fundsYuan, '—')}
              footer={<Yoy t={t} value={s.executing.yoyPct} />}
            />
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <Indicator
              testId="indicator-executing"
              title={t('stats.executing')}
              to={projectsLink({ region, executing: range })}
              value={t('dash.nProjects', { n: s.executing.projects })}
              footer={t('dash.newContinued', { n: s.newProjects.projects, c: s.continuedProjects.projects })}
            />
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <Indicator
              testId="indicator-signed"
              title={t('stats.signed')}
              to={projectsLink({ region, signed: range })}
              value={t('dash.nProjects', { n: s.signed.projects })}
              footer={`${t('stats.signedAmount')} ${formatYuan(s.signed.amountYuan, '—')}`}
            />
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <Indicator
              testId="indicator-rates"
              title={`${t('stats.startRate')} / ${t('stats.fulfilmentRate')}`}
              to={toStats}
              value={`${formatPct(s.signed.startRatePct)} / ${formatPct(s.signed.fulfilmentRatePct)}`}
              footer={t('dash.ratesHint')}
            />
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <TargetCard t={t} summary={s} to={toStats} />
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <Indicator
              testId="indicator-sources"
              title={t('dash.sources')}
              to={projectsLink({ region, executing: range, source: ['outOfRegion'] })}
              value={formatYuan(s.bySource.outOfRegion.fundsYuan, '—')}
              footer={`${t('source.foreign')} ${formatYuan(s.bySource.foreign.fundsYuan, '—')} · ${t('source.local')} ${formatYuan(s.bySource.local.fundsYuan, '—')}`}
            />
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <Indicator
              testId="indicator-new"
              title={t('dash.newFunds')}
              to={projectsLink({ region, executing: range, kind: 'new' })}
              value={formatYuan(s.newProjects.fundsYuan, '—')}
              footer={`${t('stats.continued')} ${formatYuan(s.continuedProjects.fundsYuan, '—')}`}
            />
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <Indicator
              testId="indicator-pipeline"
              title={t('dash.pipelineTotal')}
              to="/projects"
              value={t('dash.nProjects', { n: pipeline.data?.total ?? 0 })}
              footer={t('dash.pipelineHint', { n: pipeline.data?.stageCounts.negotiating ?? 0 })}
            />
          </Col>
        </Row>
      )}
      {can(me, 'activities.read') && (
        <div style={{ marginTop: 16 }}>
          <ActivityPanel region={region} />
        </div>
      )}
      {can(me, 'activities.read') && (
        <div style={{ marginTop: 16 }}>
          <TeamsPartnersPanel region={region} />
        </div>
      )}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          {monthlyCard}
        </Col>
        {showMap ? (
          <>
            <Col xs={24} xl={10}>
              {funnelCard}
            </Col>
            <Col xs={24} xl={14}>
              {mapCard}
            </Col>
            <Col xs={24} xl={10}>
              {subRegionsCard}
            </Col>
            <Col xs={24}>{lightsCard}</Col>
          </>
        ) : (
          <>
            <Col xs={24} xl={10}>
              {subRegionsCard}
            </Col>
            <Col xs={24} xl={10}>
              {funnelCard}
            </Col>
            <Col xs={24} xl={14}>
              {lightsCard}
            </Col>
          </>
        )}
      </Row>
      {summary.isError && <Empty description={t('stats.loadFailed')} />}
    </PageContainer>
  );
}
