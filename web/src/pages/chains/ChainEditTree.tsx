import { useMemo } from 'react';
import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Tag, Typography } from 'antd';
import { SEGMENTS, type Segment } from '../../api/chains';
import { useI18n } from '../../i18n';
import { editTrees, type EditNode, type NodeErrors } from './chainEdit';
import { INDENT } from './chainLayout';
import { segmentName } from './coverage';
import './chains.css';

interface Props {
  nodes: readonly EditNode[];
  selected: string | null;
  errors: Readonly<Record<string, NodeErrors>>;
  onSelect: (key: string) => void;
  onAdd: (segment: Segment) => void;
}

/** The chain editor's nodes: 上游, 中游, 下游, each with its nodes and their children indented; a node opens its form. */
export function ChainEditTree({ nodes, selected, errors, onSelect, onAdd }: Props) {
  const { t } = useI18n();
  const trees = useMemo(() => editTrees(nodes), [nodes]);
  return (
    <div data-testid="edit-tree">
      {SEGMENTS.map((segment) => (
        <section key={segment} className="chain-node-list-segment" aria-label={segmentName(t, segment)}>
          <div className="chain-edit-segment-head">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {segmentName(t, segment)}
              <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400, marginInlineStart: 8 }}>
                {t('chains.nodesN', { n: trees[segment].length })}
              </Typography.Text>
            </Typography.Title>
            <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => onAdd(segment)} aria-label={t('chains.edit.addIn', { segment: segmentName(t, segment) })}>
              {t('chains.edit.addNode')}
            </Button>
          </div>
          {trees[segment].length === 0 && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6 }}>
              {t('chains.edit.segmentEmpty')}
            </Typography.Text>
          )}
          {trees[segment].map(({ node, depth }) => {
            const problem = errors[node.key] !== undefined && Object.keys(errors[node.key]!).length > 0;
            const indent = (depth - 1) * (INDENT / 2);
            return (
              <button
                key={node.key}
                type="button"
                className={`chain-node-row chain-edit-row${selected === node.key ? ' chain-edit-row-selected' : ''}${problem ? ' chain-edit-row-problem' : ''}`}
                data-testid="edit-node"
                data-code={node.code}
                aria-current={selected === node.key ? 'true' : undefined}
                onClick={() => onSelect(node.key)}
                style={{ marginInlineStart: indent, width: `calc(100% - ${indent}px)` }}
              >
                <span className="chain-node-row-name">
                  {node.name || t('chains.edit.newNode')}
                  <span className="chain-edit-row-code">{node.code || '—'}</span>
                </span>
                <span style={{ flex: 'none' }}>
                  {!node.existing && <Tag color="green">{t('chains.edit.newTag')}</Tag>}
                  {problem && (
                    <Tag color="error" icon={<WarningOutlined />}>
                      {t('chains.edit.hasProblems')}
                    </Tag>
                  )}
                </span>
              </button>
            );
          })}
        </section>
      ))}
    </div>
  );
}
