import { Empty, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { EnterpriseDetail } from '../../api/enterprises';
import type { MessageKey } from '../../i18n';
import { useI18n } from '../../i18n';
import { scoredPath } from '../targets/labels';

type Fit = EnterpriseDetail['chainNodes'];
type FitNode = Fit['nodes'][number];
type Claim = Fit['targetedBy'][number];

const SEGMENTS: Record<string, MessageKey> = { upstream: 'chains.segment.upstream', midstream: 'chains.segment.midstream', downstream: 'chains.segment.downstream' };

/**
 * 产业链: the nodes of the chains the user sees that this firm fits (by industry code, or by key products named in its
 * products or business scope), each opening the node's scored candidates; and the regions within the user's scope
 * holding it as a target, each opening that node's targets.
 */
export function EnterpriseDetailChains({ fit }: { fit: Fit }) {
  const { t } = useI18n();
  const segment = (s: string) => (SEGMENTS[s] ? t(SEGMENTS[s]) : s);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={5}>{t('entDetail.chainFitTitle')}</Typography.Title>
        <Table<FitNode>
          data-testid="enterprise-chain-nodes"
          rowKey={(n) => `${n.chainCode}/${n.nodeCode}`}
          size="small"
          dataSource={fit.nodes}
          pagination={fit.nodes.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: <Empty description={t('entDetail.chainFitEmpty')} /> }}
          scroll={{ x: 520 }}
          columns={[
            {
              title: t('entDetail.chainNode'),
              key: 'node',
              render: (_: unknown, n) => (
                <Link to={scoredPath(n.chainCode, n.nodeCode)}>
                  {n.chainName} · {n.nodeName}
                </Link>
              ),
            },
            { title: t('entDetail.chainSegment'), key: 'segment', width: 80, render: (_: unknown, n) => segment(n.segment) },
            {
              title: t('entDetail.chainWhy'),
              key: 'why',
              render: (_: unknown, n) => (
                <Space size={4} wrap>
                  {n.byIndustry && (
                    <Tag bordered={false} color="blue">
                      {t('entDetail.chainByIndustry')}
                    </Tag>
                  )}
                  {n.products.map((p) => (
                    <Tag key={p} bordered={false}>
                      {t('entDetail.chainByProduct', { product: p })}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </div>
      <div>
        <Typography.Title level={5}>{t('entDetail.targetedByTitle')}</Typography.Title>
        <Table<Claim>
          data-testid="enterprise-targeted-by"
          rowKey="targetId"
          size="small"
          dataSource={fit.targetedBy}
          pagination={false}
          locale={{ emptyText: <Empty description={t('entDetail.targetedByEmpty')} /> }}
          scroll={{ x: 420 }}
          columns={[
            { title: t('entDetail.targetedByRegion'), dataIndex: 'regionName', width: 110 },
            {
              title: t('entDetail.chainNode'),
              key: 'node',
              render: (_: unknown, c) => (
                <Link to={`/targets?${new URLSearchParams({ chain: c.chainCode, node: c.nodeCode }).toString()}`}>
                  {c.chainName} · {c.nodeName ?? c.nodeCode}
                </Link>
              ),
            },
            { title: t('entDetail.targetedByStatus'), key: 'status', width: 100, render: (_: unknown, c) => <Tag bordered={false}>{c.statusLabel}</Tag> },
          ]}
        />
      </div>
    </Space>
  );
}
