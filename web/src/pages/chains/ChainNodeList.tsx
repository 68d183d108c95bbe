import { useMemo } from 'react';
import { Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { SEGMENTS, type ChainNode, type NodeCoverage } from '../../api/chains';
import { useI18n } from '../../i18n';
import { INDENT, segmentTrees } from './chainLayout';
import { segmentName, StatusLabel, STATUS_STYLE } from './coverage';
import './chains.css';

interface Props {
  nodes: readonly ChainNode[];
  coverage: ReadonlyMap<string, NodeCoverage> | null;
  onOpen: (code: string) => void;
}

/** The chain on a phone: 上游, 中游, 下游, each with its nodes and their children indented; a tap opens the node. */
export function ChainNodeList({ nodes, coverage, onOpen }: Props) {
  const { t } = useI18n();
  const trees = useMemo(() => segmentTrees(nodes), [nodes]);
  return (
    <div data-testid="chain-node-list">
      {SEGMENTS.map((segment) => (
        <section key={segment} className="chain-node-list-segment" aria-label={segmentName(t, segment)}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {segmentName(t, segment)}
            <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400, marginInlineStart: 8 }}>
              {t('chains.nodesN', { n: trees[segment].length })}
            </Typography.Text>
          </Typography.Title>
          {trees[segment].map(({ node, depth }) => {
            const status = coverage?.get(node.code)?.status ?? null;
            const s = status ? STATUS_STYLE[status] : null;
            return (
              <button
                key={node.code}
                type="button"
                className="chain-node-row"
                data-testid="chain-node"
                data-code={node.code}
                onClick={() => onOpen(node.code)}
                style={{ marginInlineStart: (depth - 1) * (INDENT / 2), width: `calc(100% - ${(depth - 1) * (INDENT / 2)}px)`, ...(s ? { background: s.background, borderColor: s.border } : {}) }}
              >
                <span className="chain-node-row-name">{node.name}</span>
                <span style={{ flex: 'none' }}>
                  {status ? <StatusLabel t={t} status={status} /> : null} <RightOutlined aria-hidden style={{ fontSize: 11, color: '#595959' }} />
                </span>
              </button>
            );
          })}
        </section>
      ))}
    </div>
  );
}
