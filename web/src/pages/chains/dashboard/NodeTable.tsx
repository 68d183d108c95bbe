import type { ReactNode } from 'react';
import { Card, List, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { FUNNEL_STEPS, type Funnel, type RoadmapItem } from '../../../api/chain-roadmap';
import { usePhone } from '../../../components/responsive';
import { useI18n, type MessageKey, type Translate } from '../../../i18n';
import { stepName } from './FunnelCard';
import { GOAL_COLORS, isOverdue, today } from './roadmapDraft';

type Counts = Funnel['nodes'][number]['cohort'];

export interface NodeRow {
  code: string;
  name: string;
  item: RoadmapItem | null;
  counts: Counts | null;
}

function GoalTag({ t, item }: { t: Translate; item: RoadmapItem | null }) {
  if (!item) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tag color={GOAL_COLORS[item.goal]} bordered={false} data-testid="node-goal">
      {t(`dashboard.goal.${item.goal}` as MessageKey)}
    </Tag>
  );
}

function Due({ t, item, on }: { t: Translate; item: RoadmapItem | null; on: string }) {
  if (!item?.dueOn) return <>—</>;
  return (
    <Space size={4}>
      <span>{item.dueOn}</span>
      {isOverdue(item.dueOn, on) && (
        <Tag color="error" data-testid="node-overdue">
          {t('dashboard.nodes.overdue')}
        </Tag>
      )}
    </Space>
  );
}

/** The nodes with a roadmap item or a claimed target, in the chain's order; the roadmap's nodes no longer in the chain last. */
export function collectNodeRows(funnel: Funnel | undefined, items: RoadmapItem[]): NodeRow[] {
  const byNode = new Map(items.map((i) => [i.nodeCode, i]));
  const rows: NodeRow[] = (funnel?.nodes ?? [])
    .map((n) => ({ code: n.code, name: n.name, item: byNode.get(n.code) ?? null, counts: n.cohort }))
    .filter((r) => r.item !== null || (r.counts?.claimed ?? 0) > 0);
  const shown = new Set(rows.map((r) => r.code));
  for (const item of items) if (!shown.has(item.nodeCode)) rows.push({ code: item.nodeCode, name: item.nodeName ?? item.nodeCode, item, counts: null });
  return rows;
}

function stepColumns(t: Translate): ColumnsType<NodeRow> {
  return FUNNEL_STEPS.map((step) => ({ title: stepName(t, step), key: step, align: 'right' as const, width: 72, render: (_: unknown, r: NodeRow) => r.counts?.[step] ?? '—' }));
}

/** 各节点: the roadmap's goal, owner and due date beside the node's funnel counts; cards on a phone. */
export function NodeTable({ rows, loading, extra }: { rows: NodeRow[]; loading: boolean; extra?: ReactNode }) {
  const { t } = useI18n();
  const on = today();
  const phone = usePhone();
  const empty = t('dashboard.nodes.empty');
  return (
    <Card size="small" title={t('dashboard.nodes.title')} extra={extra} data-testid="dashboard-nodes" styles={{ body: phone ? { padding: 8 } : undefined }}>
      {phone ? (
        <List<NodeRow>
          loading={loading}
          dataSource={rows}
          locale={{ emptyText: empty }}
          renderItem={(r) => (
            <List.Item key={r.code} data-testid="node-card">
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space size={8} wrap>
                  <Typography.Text strong>{r.name}</Typography.Text>
                  {r.item && <GoalTag t={t} item={r.item} />}
                  {isOverdue(r.item?.dueOn, on) && (
                    <Tag color="error" data-testid="node-overdue">
                      {t('dashboard.nodes.overdue')}
                    </Tag>
                  )}
                </Space>
                <Typography.Text type="secondary">
                  {r.item ? t('dashboard.nodes.ownerDue', { owner: r.item.owner?.displayName ?? '—', due: r.item.dueOn ?? '—' }) : t('dashboard.nodes.notPlanned')}
                </Typography.Text>
                <Typography.Text>{FUNNEL_STEPS.map((s) => `${stepName(t, s)} ${r.counts?.[s] ?? '—'}`).join(' · ')}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table<NodeRow>
          size="small"
          rowKey="code"
          loading={loading}
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: empty }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('dashboard.nodes.node'), key: 'node', render: (_: unknown, r) => r.name },
            { title: t('dashboard.nodes.goal'), key: 'goal', render: (_: unknown, r) => <GoalTag t={t} item={r.item} /> },
            { title: t('dashboard.nodes.owner'), key: 'owner', render: (_: unknown, r) => r.item?.owner?.displayName ?? '—' },
            { title: t('dashboard.nodes.due'), key: 'due', render: (_: unknown, r) => <Due t={t} item={r.item} on={on} /> },
            ...stepColumns(t),
          ]}
        />
      )}
    </Card>
  );
}
