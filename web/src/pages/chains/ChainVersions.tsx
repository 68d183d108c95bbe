import { useState } from 'react';
import { Alert, Button, Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { chainsApi, type ChainDiff, type ChainNode, type ChainVersion } from '../../api/chains';
import { formatTime } from '../../components/labels';
import { keyColumnsOnPhone, usePhone } from '../../components/responsive';
import { useI18n, type Translate } from '../../i18n';
import { segmentName } from './coverage';

interface Props {
  code: string;
  /** Shows that version on the map tab. */
  onView: (version: number) => void;
}

type DiffRow = { kind: 'added' | 'removed' | 'changed'; code: string; name: string; details: string[] };

const KIND_COLOR = { added: 'green', removed: 'red', changed: 'gold' } as const;

function list(values: readonly string[]): string {
  return values.length ? values.join('、') : '—';
}

function describeNode(t: Translate, n: ChainNode): string[] {
  return [
    `${t('chains.node.segment')}：${segmentName(t, n.segment)}`,
    `${t('chains.node.parent')}：${n.parentCode ?? '—'}`,
    `${t('chains.node.industries')}：${list(n.industryCodes)}`,
  ];
}

/** The diff as rows: added, removed, then changed nodes with each changed field before → after. */
function diffRows(t: Translate, d: ChainDiff, nameAfter: Map<string, string>): DiffRow[] {
  const rows: DiffRow[] = [
    ...d.added.map((n) => ({ kind: 'added' as const, code: n.code, name: n.name, details: describeNode(t, n) })),
    ...d.removed.map((n) => ({ kind: 'removed' as const, code: n.code, name: n.name, details: describeNode(t, n) })),
  ];
  for (const c of d.changed) {
    const details: string[] = [];
    if (c.name) details.push(`${t('chains.diff.field.name')}：${c.name.before} → ${c.name.after}`);
    if (c.parentCode) details.push(`${t('chains.node.parent')}：${c.parentCode.before ?? '—'} → ${c.parentCode.after ?? '—'}`);
    if (c.segment) details.push(`${t('chains.node.segment')}：${segmentName(t, c.segment.before)} → ${segmentName(t, c.segment.after)}`);
    for (const [field, change] of [
      ['industries', c.industryCodes],
      ['products', c.products],
    ] as const) {
      if (!change) continue;
      const parts = [...change.added.map((v) => `+${v}`), ...change.removed.map((v) => `−${v}`)];
      details.push(`${t(`chains.node.${field}`)}：${parts.join(' ')}`);
    }
    rows.push({ kind: 'changed', code: c.code, name: c.name?.after ?? nameAfter.get(c.code) ?? c.code, details });
  }
  return rows;
}

function VersionDiff({ code, versions, from, to, onChange }: { code: string; versions: ChainVersion[]; from: number; to: number; onChange: (from: number, to: number) => void }) {
  const { t } = useI18n();
  const phone = usePhone();
  const { data, isFetching } = useQuery({ queryKey: ['chain-diff', code, from, to], queryFn: () => chainsApi.diff(code, from, to) });
  const toNodes = useQuery({ queryKey: ['chain', code, to], queryFn: () => chainsApi.get(code, to) });
  const nameAfter = new Map((toNodes.data?.nodes ?? []).map((n) => [n.code, n.name]));
  const rows = data ? diffRows(t, data, nameAfter) : [];
  const options = versions.map((v) => ({ value: v.version, label: t('chains.versionN', { n: v.version }) }));
  const columns: ColumnsType<DiffRow> = [
    { title: t('chains.diff.kind'), dataIndex: 'kind', width: 80, render: (k: DiffRow['kind']) => <Tag color={KIND_COLOR[k]}>{t(`chains.diff.${k}`)}</Tag> },
    {
      title: t('chains.diff.node'),
      dataIndex: 'name',
      width: 220,
      render: (_, r) => (
        <>
          <div>{r.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('chains.diff.details'),
      dataIndex: 'details',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          {r.details.map((d) => (
            <span key={d} style={{ overflowWrap: 'anywhere' }}>
              {d}
            </span>
          ))}
        </Space>
      ),
    },
  ];
  return (
    <Card size="small" title={t('chains.diff.title')} data-testid="chain-diff">
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('chains.diff.from')}</span>
        <Select aria-label={t('chains.diff.from')} style={{ width: 110 }} value={from} options={options} onChange={(v: number) => onChange(v, to)} />
        <span>{t('chains.diff.to')}</span>
        <Select aria-label={t('chains.diff.to')} style={{ width: 110 }} value={to} options={options} onChange={(v: number) => onChange(from, v)} />
      </Space>
      {data?.name && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('chains.diff.renamed', { before: data.name.before, after: data.name.after })} />}
      {data && (
        <Typography.Paragraph data-testid="chain-diff-summary">
          {t('chains.diff.summary', { added: data.added.length, removed: data.removed.length, changed: data.changed.length })}
        </Typography.Paragraph>
      )}
      <Table<DiffRow>
        rowKey={(r) => `${r.kind}:${r.code}`}
        size="small"
        loading={isFetching}
        columns={keyColumnsOnPhone(columns, ['kind', 'name', 'details'], phone)}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: from === to ? t('chains.diff.same') : t('chains.diff.none') }}
      />
    </Card>
  );
}

/** 版本: every version of the chain (newest first) and what changed between two of them. */
export function ChainVersions({ code, onView }: Props) {
  const { t } = useI18n();
  const phone = usePhone();
  const { data: versions = [], isLoading } = useQuery({ queryKey: ['chain-versions', code], queryFn: () => chainsApi.versions(code) });
  const [pair, setPair] = useState<{ from: number; to: number } | null>(null);
  const newest = versions[0]?.version ?? 1;
  const shown = pair ?? { from: Math.max(1, newest - 1), to: newest };

  const columns: ColumnsType<ChainVersion> = [
    {
      title: t('chains.version'),
      dataIndex: 'version',
      width: 140,
      render: (_, v) => (
        <Space size={4} style={{ whiteSpace: 'nowrap' }}>
          {t('chains.versionN', { n: v.version })}
          {v.current && <Tag color="blue">{t('chains.current')}</Tag>}
        </Space>
      ),
    },
    { title: t('chains.name'), dataIndex: 'name', width: 160 },
    {
      title: t('chains.source'),
      dataIndex: 'source',
      render: (_, v) => (
        <span style={{ overflowWrap: 'anywhere' }}>
          {t(`chains.source.${v.source}`)}
          {v.sourceName ? `：${v.sourceName}` : ''}
        </span>
      ),
    },
    { title: t('chains.nodeCount'), dataIndex: 'nodeCount', width: 80, align: 'right' },
    { title: t('chains.createdBy'), dataIndex: 'createdByName', width: 110 },
    { title: t('chains.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, v) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => onView(v.version)}>
            {t('chains.viewVersion')}
          </Button>
          {v.version > 1 && (
            <Button type="link" size="small" onClick={() => setPair({ from: v.version - 1, to: v.version })}>
              {t('chains.compareWithPrevious')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="chain-versions">
      <Table<ChainVersion>
        rowKey="version"
        size="small"
        loading={isLoading}
        columns={keyColumnsOnPhone(columns, ['version', 'nodeCount', 'actions'], phone)}
        dataSource={versions}
        pagination={versions.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      />
      {versions.length > 1 ? (
        <VersionDiff code={code} versions={versions} from={shown.from} to={shown.to} onChange={(from, to) => setPair({ from, to })} />
      ) : (
        !isLoading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('chains.diff.onlyOne')} />
      )}
    </Space>
  );
}
