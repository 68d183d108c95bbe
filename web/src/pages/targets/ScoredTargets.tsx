import { Alert, Card, Collapse, Empty, List, Progress, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { can } from '../../access';
import { targetsApi, type ScoredTarget, type ScoredTargets as Scored } from '../../api/targets';
import { useMe } from '../../auth/session';
import { formatTime } from '../../components/labels';
import { usePhone } from '../../components/responsive';
import { useI18n, type Translate } from '../../i18n';
import { CandidateActions } from './CandidateActions';
import { CandidateReasons } from './CandidateReasons';
import { ChainNodePickers, useUsedChains } from './ChainNodePickers';
import { TargetStatusTag } from './labels';
import './targets.css';

const enterprisePath = (e: ScoredTarget['enterprise']) => `/enterprises/${encodeURIComponent(e.creditCode ?? e.id)}`;

function ScoreBar({ score }: { score: number }) {
  const { t } = useI18n();
  const n = (Math.round(score * 10) / 10).toString();
  return (
    <Progress
      aria-label={`${t('targets.score')} ${t('targets.scoreN', { n })}`}
      percent={score}
      status="normal"
      size="small"
      format={(p) => (Math.round((p ?? 0) * 10) / 10).toString()}
      style={{ margin: 0, minWidth: 100 }}
      data-testid="target-score"
    />
  );
}

function ClaimTag({ t, item }: { t: Translate; item: ScoredTarget }) {
  if (!item.claim) return null;
  return (
    <Space size={4} data-testid="target-claim-tag">
      <Tag color="purple" bordered={false} style={{ marginInlineEnd: 0 }}>
        {t('targets.claimedBy', { region: item.claim.regionName })}
      </Tag>
      <TargetStatusTag t={t} status={item.claim.status} />
    </Space>
  );
}

function Tags({ tags }: { tags: readonly string[] }) {
  return tags.length ? (
    <Space size={[4, 4]} wrap>
      {tags.map((tag) => (
        <Tag key={tag} bordered={false} style={{ marginInlineEnd: 0 }}>
          {tag}
        </Tag>
      ))}
    </Space>
  ) : null;
}

interface ListProps {
  data: Scored;
  chain: string;
  node: string;
  manage: boolean;
}

function DeskList({ data, chain, node, manage }: ListProps) {
  const { t } = useI18n();
  const columns: ColumnsType<ScoredTarget> = [
    { title: t('targets.rank'), dataIndex: 'rank', width: 60, align: 'right' },
    {
      title: t('targets.enterprise'),
      key: 'name',
      render: (_, r) => (
        <Space direction="vertical" size={4}>
          <Link to={enterprisePath(r.enterprise)} data-testid="target-name">
            {r.enterprise.name}
          </Link>
          <ClaimTag t={t} item={r} />
        </Space>
      ),
    },
    { title: t('targets.region'), key: 'region', width: 110, render: (_, r) => r.enterprise.regionName ?? '—' },
    { title: t('targets.score'), dataIndex: 'score', width: 150, render: (v: number) => <ScoreBar score={v} /> },
    { title: t('targets.tags'), key: 'tags', width: 150, render: (_, r) => <Tags tags={r.enterprise.tags} /> },
    ...(manage ? [{ title: t('common.actions'), key: 'actions', width: 372, render: (_: unknown, r: ScoredTarget) => <CandidateActions item={r} chain={chain} node={node} /> }] : []),
  ];
  return (
    <Table<ScoredTarget>
      data-testid="scored-list"
      rowKey={(r) => r.enterprise.id}
      columns={columns}
      dataSource={data.items}
      pagination={false}
      expandable={{ expandedRowRender: (r) => <CandidateReasons item={r} weights={data.weights} phone={false} />, expandRowByClick: false }}
    />
  );
}

function PhoneList({ data, chain, node, manage }: ListProps) {
  const { t } = useI18n();
  return (
    <List<ScoredTarget>
      data-testid="scored-list"
      dataSource={data.items}
      rowKey={(r) => r.enterprise.id}
      split={false}
      renderItem={(r) => (
        <List.Item style={{ padding: '0 0 12px' }}>
          <Card size="small" style={{ width: '100%' }} data-testid="scored-card">
            <Space direction="vertical" size={8} style={{ width: '100%' }}>
              <Space align="start" size={8}>
                <Typography.Text type="secondary">#{r.rank}</Typography.Text>
                <Link to={enterprisePath(r.enterprise)} data-testid="target-name">
                  {r.enterprise.name}
                </Link>
              </Space>
              <Typography.Text type="secondary">{r.enterprise.regionName ?? '—'}</Typography.Text>
              <ScoreBar score={r.score} />
              <Tags tags={r.enterprise.tags} />
              <ClaimTag t={t} item={r} />
              <Collapse
                size="small"
                ghost
                items={[{ key: 'why', label: t('targets.why'), children: <CandidateReasons item={r} weights={data.weights} phone /> }]}
              />
              {manage && <CandidateActions item={r} chain={chain} node={node} />}
            </Space>
          </Card>
        </List.Item>
      )}
    />
  );
}

/** 精准招商: pick a chain and a node; the candidates ranked by an explained score, each with its reasons; claim and give feedback. */
export default function ScoredTargetsPage() {
  const { t } = useI18n();
  const phone = usePhone();
  const me = useMe();
  const manage = can(me, 'targeting.manage');
  const [search, setSearch] = useSearchParams();
  const chain = search.get('chain');
  const node = search.get('node');
  const chainsQ = useUsedChains(me.regionCode);
  const setPick = (c: string | null, n: string | null) => {
    const next: Record<string, string> = {};
    if (c) next.chain = c;
    if (n) next.node = n;
    setSearch(next, { replace: true });
  };
  const scoredQ = useQuery({
    queryKey: ['targets', 'scored', chain ?? '', node ?? ''],
    queryFn: () => targetsApi.scored({ chain: chain ?? '', node: node ?? '' }),
    enabled: Boolean(chain && node),
    retry: false,
  });
  const data = scoredQ.data;
  const noChains = chainsQ.isSuccess && chainsQ.data.length === 0;

  let body;
  if (noChains) {
    body = (
      <Empty description={t('targets.noChains')} data-testid="targets-empty">
        <Link to="/chains">{t('targets.toChains')}</Link>
      </Empty>
    );
  } else if (!chain || !node) {
    body = <Empty description={t('targets.pickNode')} data-testid="targets-empty" />;
  } else if (scoredQ.isError) {
    body = <Alert type="error" showIcon message={scoredQ.error.message} />;
  } else if (data && data.items.length === 0) {
    body = <Empty description={t('targets.noCandidates', { node: data.node.name, region: data.region.name })} data-testid="targets-empty" />;
  } else if (data) {
    const props = { data, chain, node, manage };
    body = phone ? <PhoneList {...props} /> : <DeskList {...props} />;
  } else {
    body = <Card loading bordered={false} />;
  }

  return (
    <PageContainer title={t('targets.scoredTitle')} subTitle={phone ? undefined : t('targets.scoredSubtitle')}>
      <Card styles={{ body: { padding: phone ? 12 : undefined } }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <ChainNodePickers regionCode={me.regionCode} chain={chain} node={node} onChange={setPick} phone={phone} />
          {data && (
            <Typography.Paragraph type="secondary" style={{ margin: 0 }} data-testid="scored-meta">
              {t('targets.scoredMeta', {
                region: data.region.name,
                chain: data.chain.name,
                node: data.node.name,
                candidates: data.candidates,
                shown: data.items.length,
              })}
              {data.weightsSource === 'fitted' ? t('targets.weightsFitted') : t('targets.weightsDefault')}
              {data.featuresAsOf ? t('targets.featuresAsOf', { time: formatTime(data.featuresAsOf) }) : t('targets.featuresNever')}
            </Typography.Paragraph>
          )}
          {body}
        </Space>
      </Card>
    </PageContainer>
  );
}
