import { useState } from 'react';
import { Alert, Button, Col, Result, Row, Space, Typography } from 'antd';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { chainRoadmapApi } from '../../api/chain-roadmap';
import { chainsApi } from '../../api/chains';
import { ApiError } from '../../api/client';
import { can } from '../../access';
import { useMe } from '../../auth/session';
import { PageLoading } from '../../components/PageLoading';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { usePhone } from '../../components/responsive';
import { useI18n } from '../../i18n';
import { BacktestCard } from './dashboard/BacktestCard';
import { FunnelCard } from './dashboard/FunnelCard';
import { KpiCards } from './dashboard/KpiCards';
import { LeaderButton } from './dashboard/LeaderButton';
import { lastTwelveMonths } from './dashboard/months';
import { collectNodeRows, NodeTable } from './dashboard/NodeTable';
import { RoadmapEditor } from './dashboard/RoadmapEditor';

/** 链长看板: one chain in one region — its 链长, coverage and targets, the conversion funnel of the last twelve months, each node's roadmap and the scoring's backtest. */
export default function ChainDashboard() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const me = useMe();
  const phone = usePhone();
  const navigate = useNavigate();
  const [region, setRegion] = useState(me.regionCode);
  const [period] = useState(() => lastTwelveMonths(new Date()));
  const [editing, setEditing] = useState(false);
  const client = useQueryClient();

  const roadmapQ = useQuery({ queryKey: ['chain-roadmap', code, region], queryFn: () => chainRoadmapApi.roadmap(code, region), retry: false });
  const funnelQ = useQuery({ queryKey: ['chain-funnel', code, region, period.from, period.to], queryFn: () => chainRoadmapApi.funnel(code, { region, ...period }), retry: false });
  const coverageQ = useQuery({ queryKey: ['chain-coverage', code, region], queryFn: () => chainsApi.coverage(code, region), retry: false });
  const chainQ = useQuery({ queryKey: ['chain', code, 'current'], queryFn: () => chainsApi.get(code), retry: false });
  const roadmap = roadmapQ.data;
  const canEditRoadmap = can(me, 'targeting.manage');
  const canSetLeader = can(me, 'chains.manage') && (chainQ.data?.canChange ?? false);

  if (roadmapQ.isLoading && !roadmap) return <PageLoading />;
  if (!roadmap) {
    const status = roadmapQ.error instanceof ApiError && roadmapQ.error.status === 403 ? '403' : '404';
    return (
      <Result
        status={status}
        title={t('chains.notFound')}
        subTitle={roadmapQ.error instanceof Error ? roadmapQ.error.message : undefined}
        extra={<Button onClick={() => navigate('/chains')}>{t('chains.backToList')}</Button>}
      />
    );
  }

  const rows = collectNodeRows(funnelQ.data, roadmap.items);
  return (
    <PageContainer
      onBack={() => navigate(`/chains/${encodeURIComponent(code)}`)}
      title={<span data-testid="dashboard-title">{t('dashboard.title', { chain: roadmap.chain.name })}</span>}
      content={
        <Space wrap size={[16, 8]}>
          <Typography.Text data-testid="dashboard-leader">
            {roadmap.leader ? t('dashboard.leader', { name: roadmap.leader.displayName }) : <Typography.Text type="secondary">{t('dashboard.noLeader')}</Typography.Text>}
          </Typography.Text>
          {canSetLeader && chainQ.data && (
            <LeaderButton roadmap={roadmap} definedBy={chainQ.data.regionName} onSaved={() => void client.invalidateQueries({ queryKey: ['chain-roadmap', code] })} />
          )}
          <Space size={8}>
            <span>{t('chains.coverageRegion')}</span>
            <RegionTreeSelect
              value={region}
              onChange={(v) => {
                setEditing(false);
                setRegion(v ?? me.regionCode);
              }} allowClear={false} aria-label={t('chains.coverageRegion')} style={{ width: phone ? 200 : 240 }} />
          </Space>
        </Space>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <KpiCards chain={code} region={region} coverage={coverageQ.data} funnel={funnelQ.data} />
        {funnelQ.isError && <Alert type="error" showIcon message={funnelQ.error instanceof Error ? funnelQ.error.message : String(funnelQ.error)} />}
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={14}>
            <FunnelCard figures={funnelQ.data?.total} period={`${period.from} — ${period.to}`} loading={funnelQ.isLoading} />
          </Col>
          <Col xs={24} xl={10}>
            <BacktestCard />
          </Col>
        </Row>
        {editing && chainQ.data ? (
          <RoadmapEditor
            key={`${region}:${roadmap.revision}`}
            roadmap={roadmap}
            nodes={chainQ.data.nodes}
            region={region}
            onSaved={(saved) => {
              client.setQueryData(['chain-roadmap', code, region], saved);
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
            onReload={() => void roadmapQ.refetch()}
          />
        ) : (
          <NodeTable
            rows={rows}
            loading={funnelQ.isLoading}
            extra={
              canEditRoadmap && chainQ.data ? (
                <Button size="small" type="primary" data-testid="edit-roadmap" onClick={() => setEditing(true)}>
                  {t('roadmap.edit')}
                </Button>
              ) : undefined
            }
          />
        )}
      </Space>
    </PageContainer>
  );
}
