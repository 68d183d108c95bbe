import { Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { useQueries } from '@tanstack/react-query';
import type { ChainCoverage } from '../../../api/chains';
import type { Funnel } from '../../../api/chain-roadmap';
import { TARGET_STATUSES, targetsApi } from '../../../api/targets';
import { formatYuan } from '../../../components/money';
import { useI18n, type MessageKey } from '../../../i18n';
import { targetStatusName } from '../../targets/labels';

const STAGES = ['lead', 'negotiating', 'signed', 'started', 'operating'] as const;

/** The chain's projects and funds in place: the sum over its top-level nodes (each counts its subtree). */
function sumTopLevel(coverage: ChainCoverage, funnel: Funnel | undefined) {
  const top = new Set((funnel?.nodes ?? []).filter((n) => n.parentCode === null).map((n) => n.code));
  const nodes = coverage.nodes.filter((n) => top.has(n.code));
  const stages = Object.fromEntries(STAGES.map((s) => [s, nodes.reduce((a, n) => a + n.projects[s], 0)])) as Record<(typeof STAGES)[number], number>;
  return { stages, total: nodes.reduce((a, n) => a + n.projects.total, 0), fundsYuan: nodes.reduce((a, n) => a + n.fundsYuan, 0) };
}

interface Props {
  chain: string;
  region: string;
  coverage: ChainCoverage | undefined;
  funnel: Funnel | undefined;
}

/** KPI cards: coverage, targets by status, projects by stage and funds in place. */
export function KpiCards({ chain, region, coverage, funnel }: Props) {
  const { t } = useI18n();
  const counts = useQueries({
    queries: TARGET_STATUSES.map((status) => ({
      queryKey: ['targets', 'count', chain, region, status],
      queryFn: () => targetsApi.list({ chain, region, status, page: 1, pageSize: 1 }).then((r) => r.total),
    })),
  });
  const sums = coverage ? sumTopLevel(coverage, funnel) : null;
  const targetsTotal = counts.reduce((a, q) => a + (q.data ?? 0), 0);
  const detail = (text: string) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{text}</Typography.Text>;
  return (
    <Row gutter={[12, 12]} data-testid="dashboard-kpis">
      <Col xs={24} sm={12} xl={6}>
        <Card size="small" data-testid="kpi-coverage">
          <Statistic title={t('dashboard.kpi.coverage')} value={coverage?.coveragePct ?? '—'} precision={coverage?.coveragePct == null ? undefined : 1} suffix={coverage?.coveragePct == null ? undefined : '%'} loading={!coverage} />
          {coverage && detail(t('dashboard.kpi.coverageDetail', { covered: coverage.coveredLeafNodes, leaves: coverage.leafNodes }))}
        </Card>
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <Card size="small" data-testid="kpi-targets">
          <Statistic title={t('dashboard.kpi.targets')} value={targetsTotal} loading={counts.some((q) => q.isLoading)} />
          {detail(TARGET_STATUSES.map((s, i) => `${targetStatusName(t, s)} ${counts[i]?.data ?? '—'}`).join(' · '))}
        </Card>
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <Card size="small" data-testid="kpi-projects">
          <Statistic title={t('dashboard.kpi.projects')} value={sums?.total ?? '—'} loading={!coverage} />
          {sums && detail(STAGES.map((s) => `${t(`stage.${s}` as MessageKey)} ${sums.stages[s]}`).join(' · '))}
        </Card>
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <Card size="small" data-testid="kpi-funds">
          <Space direction="vertical" size={0}>
            <Statistic title={t('dashboard.kpi.funds')} value={sums ? formatYuan(sums.fundsYuan, '—') : '—'} loading={!coverage} />
            {detail(t('dashboard.kpi.fundsDetail'))}
          </Space>
        </Card>
      </Col>
    </Row>
  );
}
